# yoy: make, make check, make demo, make install PREFIX=...
# make SANITIZE=address,undefined check   runs the tests under sanitizers.
# make fuzz                  builds the libFuzzer targets (clang, ASan,
#                            UBSan) in bin/fuzz/ and runs each FUZZ_TIME
#                            seconds (default 60) from seeds in fixtures/

PREFIX  ?= /usr/local
CC      ?= cc
PKGS     = libxml-2.0 libcmark libgit2 libpcre2-8 jansson
WARN     = -std=c99 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L \
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

# The build flags are part of every object: change them, rebuild all.
$(O)/.flags: FORCE
	@mkdir -p $(O) $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' > $@

$(O)/%.o: src/%.c $(HEADERS) $(O)/.flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) -c -o $@ $<

$(O)/filters/%.o: filters/%.c $(HEADERS) $(O)/.flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) -c -o $@ $<

$(O)/data.c: src/model/departments.txt src/xml/yoy.rng src/diff/review.css \
  src/diff/review.js scripts/embed
	@mkdir -p $(O)
	{ scripts/embed yoy_builtin_departments < src/model/departments.txt; \
	  scripts/embed yoy_schema_rng < src/xml/yoy.rng; \
	  scripts/embed yoy_review_css < src/diff/review.css; \
	  scripts/embed yoy_review_js < src/diff/review.js; } > $@

$(O)/data.o: $(O)/data.c $(O)/.flags
	$(CC) $(ALL_CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(O)/libyoy.a: $(LIBOBJ)
	rm -f $@ && ar rcs $@ $(LIBOBJ)

$(O)/libcli.a: $(CLIOBJ)
	rm -f $@ && ar rcs $@ $(CLIOBJ)

$(B)/%: $(O)/filters/%.o $(O)/libcli.a $(O)/libyoy.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(O)/libcli.a $(O)/libyoy.a $(LDFLAGS) $(LIBS)

$(B)/test-%: tests/%.c $(O)/libyoy.a $(HEADERS)
	$(CC) $(ALL_CFLAGS) $(INCLUDES) -o $@ $< $(O)/libyoy.a $(LDFLAGS) $(LIBS)

# a fuzz target run once on each file given: the regression corpus
FUZZ_CFLAGS = $(ALL_CFLAGS) $(INCLUDES) \
              -DYOY_DIFF_RNG='"$(CURDIR)/src/xml/yoy-diff.rng"'
$(O)/fuzz-%.o: tests/fuzz/%.c tests/fuzz/fuzz.h $(HEADERS) $(O)/.flags
	$(CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(B)/regress-%: tests/fuzz/driver.c $(O)/fuzz-%.o $(O)/fuzz-common.o $(O)/libyoy.a
	$(CC) $(FUZZ_CFLAGS) -o $@ $< $(O)/fuzz-$*.o $(O)/fuzz-common.o \
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
	    ssh-keygen >/dev/null && test -x /usr/sbin/sshd && \
	  /usr/bin/python3 -c 'import jsonschema, rfc3987' 2>/dev/null || \
	  scripts/install-deps

check: deps all $(TESTS:%=$(B)/test-%) $(FUZZ:%=$(B)/regress-%)
	tests/run

fuzz: deps
	@command -v clang >/dev/null || scripts/install-deps
	$(MAKE) O=obj/fuzz B=bin/fuzz CC=clang CFLAGS='-O1 -g' \
	  SANITIZE=fuzzer-no-link,address,undefined $(FUZZ:%=bin/fuzz/fuzz-%)
	tests/fuzz/run $(FUZZ_TIME) $(FUZZ)

demo: deps all
	scripts/demo

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	for p in $(PROGS); do \
	  install -m 755 bin/$$p $(DESTDIR)$(PREFIX)/bin/$$p; \
	  install -m 644 filters/$$p.1 $(DESTDIR)$(PREFIX)/share/man/man1/$$p.1; \
	done

clean:
	rm -rf bin obj

.PHONY: all check demo fuzz install clean deps deps-present FORCE
.SECONDARY:
