# yoy: make, make check, make demo
# make install [PREFIX=/usr/local] [DESTDIR=...]   and make uninstall
# make V=1                   the full command lines, not one line a step
# make SANITIZE=address,undefined check   runs the tests under sanitizers.
# make fuzz                  builds the libFuzzer targets (clang, ASan,
#                            UBSan) in bin/fuzz/ and runs each FUZZ_TIME
#                            seconds (default 60) from seeds in fixtures/

# the version, said nowhere else: --version, yoy.pc, the review page,
# SARIF and debian/changelog (checked by debian/rules) all read it
VERSION  = 0.1.0
SOVERSION = 0

PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
DATADIR  = $(PREFIX)/share/yoy
MANDIR   = $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
CC      ?= cc
PKGS     = libxml-2.0 libcmark libgit2 libpcre2-8 jansson
WARN     = -std=c99 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CPPFLAGS) $(CFLAGS) -D_POSIX_C_SOURCE=200809L \
           -DYOY_VERSION='"$(VERSION)"' \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# each program links only the libraries it calls
LIBS     = -Wl,--as-needed $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ifdef SANITIZE
# a sanitizer build also checks the writer's output as it goes
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
              -fno-sanitize-recover=all -DYOY_CHECK_OUTPUT
LDFLAGS  += -fsanitize=$(SANITIZE)
endif
# objects and programs: obj/ and bin/, or another build's (make fuzz)
O        = obj
B        = bin
# quiet: one line a step (make V=1: the commands)
ifeq ($(V),1)
Q        =
say      = @:
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q        = @
say      = @:
else
Q        = @
say      = @printf '  %-7s %s\n'
endif

PROGS    = yoy-txt yoy-md yoy-html yoy-diff yoy-store yoy-check
# the library, folder by folder, lowest first (src/internal.h)
LAYERS   = base model xml read diff store check
LIBSRC   = $(foreach d,$(LAYERS),$(sort $(wildcard src/$(d)/*.c)))
LIBOBJ   = $(LIBSRC:src/%.c=$(O)/%.o) $(O)/data.o
# the programs' shared helpers, beside their mains
CLIOBJ   = $(O)/filters/cli.o $(O)/filters/convert.o $(O)/filters/diffmain.o \
           $(O)/filters/watchdog.o
HEADERS  = src/yoy.h src/internal.h filters/cli.h
INCLUDES = -Isrc -Ifilters
TESTS    = unit txtlines validate mdstatements mdspill htmlwords maxrss
FUZZ     = txt md html xml diff
FUZZ_TIME ?= 60

all: deps-present $(PROGS:%=$(B)/%)

# the shared library and what installs with it (make install)
SHLIB    = libyoy.so.$(VERSION)
PICOBJ   = $(LIBOBJ:$(O)/%.o=$(O)/pic/%.o)
lib: $(O)/$(SHLIB) $(O)/libyoy.a $(O)/yoy.pc completions

# The build flags are part of every object: change them, rebuild all.
$(O)/.flags: FORCE
	@mkdir -p $(O) $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' > $@

$(O)/%.o: src/%.c $(HEADERS) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) -c -o $@ $<

$(O)/pic/%.o: src/%.c $(HEADERS) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC $(INCLUDES) -c -o $@ $<

$(O)/pic/data.o: $(O)/data.c $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(O)/filters/%.o: filters/%.c $(HEADERS) $(O)/.flags
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) -c -o $@ $<

$(O)/data.c: src/model/departments.txt src/xml/yoy.rng src/diff/review.css \
  src/diff/review.js scripts/embed
	@mkdir -p $(O)
	$(say) GEN $@
	$(Q){ scripts/embed yoy_builtin_departments < src/model/departments.txt; \
	  scripts/embed yoy_schema_rng < src/xml/yoy.rng; \
	  scripts/embed yoy_review_css < src/diff/review.css; \
	  scripts/embed yoy_review_js < src/diff/review.js; } > $@

$(O)/data.o: $(O)/data.c $(O)/.flags
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(O)/libyoy.a: $(LIBOBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $(LIBOBJ)

$(O)/$(SHLIB): $(PICOBJ)
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libyoy.so.$(SOVERSION) \
	  -o $@ $(PICOBJ) $(LDFLAGS) $(LIBS)

$(O)/yoy.pc: yoy.pc.in Makefile
	$(say) GEN $@
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@PKGS@|$(PKGS)|' yoy.pc.in > $@

# bash and zsh completions, from the programs' own --help
completions: $(O)/completions/yoy.bash $(O)/completions/_yoy
$(O)/completions/yoy.bash $(O)/completions/_yoy: scripts/completions \
  src/model/departments.txt $(PROGS:%=$(B)/%)
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)scripts/completions $(B) src/model/departments.txt $(O)/completions

$(O)/libcli.a: $(CLIOBJ)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $(CLIOBJ)

$(B)/%: $(O)/filters/%.o $(O)/libcli.a $(O)/libyoy.a
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(O)/libcli.a $(O)/libyoy.a $(LDFLAGS) $(LIBS)

$(B)/test-%: tests/%.c $(O)/libyoy.a $(HEADERS)
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) -o $@ $< $(O)/libyoy.a $(LDFLAGS) $(LIBS)

# a fuzz target run once on each file given: the regression corpus
FUZZ_CFLAGS = $(ALL_CFLAGS) $(INCLUDES) \
              -DYOY_DIFF_RNG='"$(CURDIR)/src/xml/yoy-diff.rng"'
$(O)/fuzz-%.o: tests/fuzz/%.c tests/fuzz/fuzz.h $(HEADERS) $(O)/.flags
	$(say) CC $@
	$(Q)$(CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(B)/regress-%: tests/fuzz/driver.c $(O)/fuzz-%.o $(O)/fuzz-common.o $(O)/libyoy.a
	$(say) LD $@
	$(Q)$(CC) $(FUZZ_CFLAGS) -o $@ $< $(O)/fuzz-$*.o $(O)/fuzz-common.o \
	  $(O)/libyoy.a $(LDFLAGS) $(LIBS)

# libFuzzer's own main (make fuzz)
$(B)/fuzz-%: $(O)/fuzz-%.o $(O)/fuzz-common.o $(O)/libyoy.a
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(O)/fuzz-common.o \
	  $(O)/libyoy.a $(LDFLAGS) $(LIBS)

deps-present:
	@pkg-config --exists $(PKGS) || { \
	  echo "missing libraries: run scripts/install-deps (or make demo)" >&2; \
	  exit 2; }

deps:
	@pkg-config --exists $(PKGS) && \
	  command -v mandoc git xmllint jq tidy node npm chromium parallel rsync \
	    ssh-keygen openssl groff zsh dh lintian fakeroot dpkg-buildpackage \
	    >/dev/null && \
	  test -x /usr/sbin/sshd && test -d /usr/share/bash-completion && \
	  /usr/bin/python3 -c 'import jsonschema, rfc3987' 2>/dev/null || \
	  scripts/install-deps

check: deps all test-programs
	tests/run

# what the tests run besides the programs
test-programs: all $(TESTS:%=$(B)/test-%) $(FUZZ:%=$(B)/regress-%)

fuzz: deps
	@command -v clang >/dev/null || scripts/install-deps
	$(MAKE) O=obj/fuzz B=bin/fuzz CC=clang CFLAGS='-O1 -g' \
	  SANITIZE=fuzzer-no-link,address,undefined $(FUZZ:%=bin/fuzz/fuzz-%)
	tests/fuzz/run $(FUZZ_TIME) $(FUZZ)

demo: deps all
	scripts/demo

# DESTDIR: a staging root (packaging); PREFIX: where it will live
MAN1     = $(PROGS:%=filters/%.1)
install: all lib
	$(say) INSTALL '$(DESTDIR)$(PREFIX)'
	$(Q)mkdir -p '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(LIBDIR)/pkgconfig' \
	  '$(DESTDIR)$(INCLUDEDIR)' '$(DESTDIR)$(DATADIR)' \
	  '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(MANDIR)/man5' \
	  '$(DESTDIR)$(MANDIR)/man7' '$(DESTDIR)$(BASHCOMPDIR)' \
	  '$(DESTDIR)$(ZSHCOMPDIR)'
	$(Q)for p in $(PROGS); do \
	  install -m 755 $(B)/$$p '$(DESTDIR)$(BINDIR)'/$$p; \
	  install -m 644 filters/$$p.1 '$(DESTDIR)$(MANDIR)'/man1/$$p.1; \
	  install -m 644 $(O)/completions/yoy.bash \
	    '$(DESTDIR)$(BASHCOMPDIR)'/$$p; \
	done
	$(Q)install -m 644 $(O)/completions/_yoy '$(DESTDIR)$(ZSHCOMPDIR)'/_yoy
	$(Q)install -m 644 $(O)/$(SHLIB) '$(DESTDIR)$(LIBDIR)'/$(SHLIB)
	$(Q)ln -sf $(SHLIB) '$(DESTDIR)$(LIBDIR)'/libyoy.so.$(SOVERSION)
	$(Q)ln -sf libyoy.so.$(SOVERSION) '$(DESTDIR)$(LIBDIR)'/libyoy.so
	$(Q)install -m 644 $(O)/libyoy.a '$(DESTDIR)$(LIBDIR)'/libyoy.a
	$(Q)install -m 644 $(O)/yoy.pc '$(DESTDIR)$(LIBDIR)'/pkgconfig/yoy.pc
	$(Q)install -m 644 src/yoy.h '$(DESTDIR)$(INCLUDEDIR)'/yoy.h
	$(Q)install -m 644 src/xml/yoy.rng src/xml/yoy-diff.rng '$(DESTDIR)$(DATADIR)'
	$(Q)install -m 644 man/yoy-xml.5 '$(DESTDIR)$(MANDIR)'/man5/yoy-xml.5
	$(Q)install -m 644 man/yoy.7 '$(DESTDIR)$(MANDIR)'/man7/yoy.7

# what install put there, and the directories it leaves empty up to
# PREFIX (not PREFIX itself)
uninstall:
	$(say) UNINSTALL '$(DESTDIR)$(PREFIX)'
	$(Q)for p in $(PROGS); do \
	  rm -f '$(DESTDIR)$(BINDIR)'/$$p '$(DESTDIR)$(MANDIR)'/man1/$$p.1 \
	    '$(DESTDIR)$(BASHCOMPDIR)'/$$p; \
	done
	$(Q)rm -f '$(DESTDIR)$(ZSHCOMPDIR)'/_yoy '$(DESTDIR)$(LIBDIR)'/$(SHLIB) \
	  '$(DESTDIR)$(LIBDIR)'/libyoy.so.$(SOVERSION) '$(DESTDIR)$(LIBDIR)'/libyoy.so \
	  '$(DESTDIR)$(LIBDIR)'/libyoy.a '$(DESTDIR)$(LIBDIR)'/pkgconfig/yoy.pc \
	  '$(DESTDIR)$(INCLUDEDIR)'/yoy.h '$(DESTDIR)$(DATADIR)'/yoy.rng \
	  '$(DESTDIR)$(DATADIR)'/yoy-diff.rng '$(DESTDIR)$(MANDIR)'/man5/yoy-xml.5 \
	  '$(DESTDIR)$(MANDIR)'/man7/yoy.7
	$(Q)for d in '$(DATADIR)' '$(ZSHCOMPDIR)' '$(BASHCOMPDIR)' \
	  '$(MANDIR)'/man1 '$(MANDIR)'/man5 '$(MANDIR)'/man7 '$(MANDIR)' \
	  '$(LIBDIR)'/pkgconfig '$(LIBDIR)' '$(INCLUDEDIR)' '$(BINDIR)'; do \
	  while [ "$$d" != '$(PREFIX)' ] && [ "$$d" != / ] && \
	    rmdir '$(DESTDIR)'"$$d" 2>/dev/null; do d=$${d%/*}; done; \
	done

clean:
	rm -rf bin obj

version:
	@echo $(VERSION)

.PHONY: all lib completions check demo fuzz install uninstall clean deps \
  deps-present version test-programs FORCE
.SECONDARY:
