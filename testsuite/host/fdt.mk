# testsuite/host/fdt.mk - extra rules for the host test of board/fdt.c (testsuite/host/fdt_test.c).
#
# The generic harness (testsuite/host/build.mk) builds build/host/fdt_test from
# host-srcs-fdt_test, which board/build.mk sets: board/fdt.c, the staged libfdt sources (plus
# fdt_sw.c, which the test uses to write its own trees) and $(FDT_HOST_DTB_OBJ), the built-in
# qemu-virt tree assembled for the host from board/dtb.S. This file adds what those need:
# the libfdt include paths, the source stamp, and the blob object. The QEMU trees are dumped and
# vf2.dts compiled by the test itself when it runs, so they are always current.
#   make host-test-fdt     build and run this test alone (make host-test runs it with the rest)
# Read once, from board/build.mk; the guard allows the harness to include it as well.
ifndef FDT_MK_INCLUDED
FDT_MK_INCLUDED := 1

FDT_HOST_DIR := $(B)/host/fdt
FDT_HOST_DTB := $(FDT_HOST_DIR)/qemu-virt.dtb
FDT_HOST_DTB_OBJ := $(FDT_HOST_DIR)/builtin-dtb.o
FDT_HOST_LIBFDT_SRC := $(LIBFDT_SRC) $(LIBFDT_DIR)/fdt_sw.c
fdt-host-obj := $(patsubst %.c,$(B)/host/obj/%.o,testsuite/host/fdt_test.c board/fdt.c \
	$(FDT_HOST_LIBFDT_SRC))

# Our libfdt_env.h (quoted include) and the staged libfdt headers (<fdt.h>, <libfdt.h>).
$(fdt-host-obj): HOST_CFLAGS += -iquote board -I $(LIBFDT_DIR)
$(fdt-host-obj): $(LIBFDT_STAMP)

$(LIBFDT_DIR)/fdt_sw.c: $(LIBFDT_STAMP)
	@test -f $@ || { echo "libfdt: $@ missing from the fetched source" >&2; exit 1; }

$(FDT_HOST_DTB): board/qemu-virt/qemu-virt.dts
	@mkdir -p $(dir $@)
	$(DTC) $(DTCFLAGS) -I dts -O dtb -o $@ $<

$(FDT_HOST_DTB_OBJ): board/dtb.S $(FDT_HOST_DTB)
	@mkdir -p $(dir $@)
	$(HOSTCC) -c -D__ASSEMBLER__ -DKESTREL_DTB_PATH='"$(FDT_HOST_DTB)"' $< -o $@

.PHONY: host-test-fdt
host-test-fdt: $(B)/host/fdt_test
	./$(B)/host/fdt_test

endif
