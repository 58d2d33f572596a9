# testsuite/user/build.mk - user test programs, each built with musl and with glibc (riscv64).
#
#   testsuite/user/AREA/NAME.c      -> $(B)/user/musl/AREA/NAME    static, musl
#                                      $(B)/user/glibc/AREA/NAME   static, glibc
#   testsuite/user/AREA/NAME_dyn.c  -> $(B)/user/musl/AREA/NAME_dyn   dynamic, PT_INTERP /lib/ld-musl-riscv64.so.1
#                                      $(B)/user/glibc/AREA/NAME_dyn  dynamic, PT_INTERP /lib/ld-linux-riscv64-lp64d.so.1
# A dynamic program needs its loader and libraries on the target: scripts/user-libs.sh musl|glibc
# prints them as HOSTFILE:/TARGETPATH pairs.
#
#   make user-progs        build them all (and the runner's stand-in shell, below)
#   USER_PROGS_MUSL, USER_PROGS_GLIBC   the outputs (USER_PROGS: both)
# musl itself ($(B)/musl, wrapper $(B)/musl/bin/musl-gcc) is built by scripts/musl.sh when its
# stamp is missing. Dependency files (.d beside each program) are read by the top Makefile.

USER_MUSL_CC := $(B)/musl/bin/musl-gcc
USER_MUSL_STAMP := $(B)/musl/.stamp
USER_GLIBC_CC ?= riscv64-linux-gnu-gcc
USER_CFLAGS := -O2 -Wall -Wextra -Werror -I testsuite/lib -MMD -MP $(EXTRA_USER_CFLAGS)

user-src := $(sort $(wildcard testsuite/user/*/*.c))
user-dyn-names := $(patsubst testsuite/user/%.c,%,$(filter %_dyn.c,$(user-src)))
user-static-names := $(patsubst testsuite/user/%.c,%,$(filter-out %_dyn.c,$(user-src)))

user-musl-static := $(addprefix $(B)/user/musl/,$(user-static-names))
user-musl-dyn := $(addprefix $(B)/user/musl/,$(user-dyn-names))
user-glibc-static := $(addprefix $(B)/user/glibc/,$(user-static-names))
user-glibc-dyn := $(addprefix $(B)/user/glibc/,$(user-dyn-names))

USER_PROGS_MUSL := $(user-musl-static) $(user-musl-dyn)
USER_PROGS_GLIBC := $(user-glibc-static) $(user-glibc-dyn)
USER_PROGS := $(USER_PROGS_MUSL) $(USER_PROGS_GLIBC)

.PHONY: user-progs musl
user-progs: $(USER_PROGS) $(B)/runner/mini_sh
musl: $(USER_MUSL_STAMP)

$(USER_MUSL_STAMP): scripts/musl.sh $(wildcard scripts/patches/musl-*.patch)
	rm -f $@
	B=$(B) ./scripts/musl.sh

$(user-musl-static): $(B)/user/musl/%: testsuite/user/%.c $(USER_MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(USER_MUSL_CC) -static $(USER_CFLAGS) -o $@ $<

$(user-musl-dyn): $(B)/user/musl/%: testsuite/user/%.c $(USER_MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(USER_MUSL_CC) $(USER_CFLAGS) -o $@ $<

$(user-glibc-static): $(B)/user/glibc/%: testsuite/user/%.c
	@mkdir -p $(dir $@)
	$(USER_GLIBC_CC) -static $(USER_CFLAGS) -o $@ $<

$(user-glibc-dyn): $(B)/user/glibc/%: testsuite/user/%.c
	@mkdir -p $(dir $@)
	$(USER_GLIBC_CC) $(USER_CFLAGS) -Wl,--dynamic-linker=/lib/ld-linux-riscv64-lp64d.so.1 -o $@ $<

# The stand-in /bin/sh that difftest.sh adds for programs named *_sh (testsuite/runner/mini_sh.c).
$(B)/runner/mini_sh: testsuite/runner/mini_sh.c $(USER_MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(USER_MUSL_CC) -static -O2 -Wall -Wextra -Werror -o $@ $<
