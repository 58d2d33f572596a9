# testsuite/busybox/build.mk - BusyBox (scripts/busybox.sh: Debian's source package, static,
# glibc, built into $(B)/busybox, never committed) and the runners' launcher for it.
#
#   make busybox     $(B)/busybox/busybox and $(B)/runner/exec_as

BUSYBOX := $(B)/busybox/busybox
BUSYBOX_STAMP := $(B)/busybox/.stamp

.PHONY: busybox
busybox: $(BUSYBOX_STAMP) $(B)/runner/exec_as

$(BUSYBOX_STAMP): scripts/busybox.sh scripts/apt-source.sh
	rm -f $@
	B=$(B) ./scripts/busybox.sh

$(B)/runner/exec_as: testsuite/runner/exec_as.c $(USER_MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(USER_MUSL_CC) -static -O2 -Wall -Wextra -Werror -o $@ $<
