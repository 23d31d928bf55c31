# yoy: make, make check, make demo, make install PREFIX=...
# make SANITIZE=address,undefined check   runs the tests under sanitizers.

PREFIX  ?= /usr/local
CC      ?= cc
PKGS     = libxml-2.0 libcmark libgit2 libpcre2-8
WARN     = -std=c99 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# each program links only the libraries it calls
LIBS     = -Wl,--as-needed $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ifdef SANITIZE
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
              -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

PROGS    = yoy-txt yoy-md yoy-html yoy-diff yoy-store yoy-check
LIBSRC   = buf check checkout cli diag diff diffmain diffout doc html md myers pattern registry shape store \
           storeread storesync text tree txt watchdog xml xmlread
OBJ      = $(LIBSRC:%=obj/%.o) obj/data.o
TESTS    = unit txtlines validate mdstatements mdspill htmlwords

all: deps-present $(PROGS:%=bin/%)

# The build flags are part of every object: change them, rebuild all.
obj/.flags: FORCE
	@mkdir -p obj bin
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS)' > $@

obj/%.o: src/%.c src/yoy.h src/pattern.h src/shape.h src/store.h src/tree.h obj/.flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

obj/data.c: src/departments.txt src/yoy.rng scripts/embed
	@mkdir -p obj
	{ scripts/embed yoy_builtin_departments < src/departments.txt; \
	  scripts/embed yoy_schema_rng < src/yoy.rng; } > $@

obj/data.o: obj/data.c obj/.flags
	$(CC) $(ALL_CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

obj/libyoy.a: $(OBJ)
	rm -f $@ && ar rcs $@ $(OBJ)

bin/%: filters/%.c obj/libyoy.a src/yoy.h
	$(CC) $(ALL_CFLAGS) -o $@ $< obj/libyoy.a $(LDFLAGS) $(LIBS)

bin/test-%: tests/%.c obj/libyoy.a src/yoy.h
	$(CC) $(ALL_CFLAGS) -o $@ $< obj/libyoy.a $(LDFLAGS) $(LIBS)

deps-present:
	@pkg-config --exists $(PKGS) || { \
	  echo "missing libraries: run scripts/install-deps (or make demo)" >&2; \
	  exit 2; }

deps:
	@pkg-config --exists $(PKGS) && command -v mandoc git xmllint jq >/dev/null || \
	  scripts/install-deps

check: deps all $(TESTS:%=bin/test-%)
	tests/run

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

.PHONY: all check demo install clean deps deps-present FORCE
