# board/build.mk - device-tree discovery: libfdt, board/fdt.c and the built-in tree of $(BOARD).
#
#   $(LIBFDT_STAMP)   libfdt fetched (scripts/libfdt.sh) and staged in $(LIBFDT_DIR) without the
#                     libfdt_env.h it ships, so that board/libfdt_env.h is the one every file finds
#   $(LIBFDT_OBJ)     build/libfdt/*.o, compiled with the kernel CFLAGS; appended to kernel-extra-obj
#   $(BOARD_DTB)      build/board/builtin.dtb, dtc of $(BOARD_DTS); rebuilt when BOARD changes
#   make libfdt       just the libfdt objects;  make dtb   just the built-in tree
# Variables for other build files: LIBFDT_DIR, LIBFDT_STAMP, LIBFDT_SRC (the .c files staged),
# LIBFDT_NAMES, BOARD_DTS, BOARD_DTB, DTC.

DTC ?= dtc
DTCFLAGS ?=

LIBFDT_DIR := $(B)/libfdt/src
LIBFDT_STAMP := $(B)/libfdt/.stamp
# What board/fdt.c calls, plus fdt_rw (fdt_addresses.c refers to fdt_appendprop) and fdt_wip
# (in-place edits, fdt_setprop_inplace/fdt_nop_node, should the boot code patch the tree).
LIBFDT_NAMES := fdt fdt_ro fdt_addresses fdt_strerror fdt_rw fdt_wip
LIBFDT_SRC := $(addprefix $(LIBFDT_DIR)/,$(addsuffix .c,$(LIBFDT_NAMES)))
LIBFDT_OBJ := $(addprefix $(B)/libfdt/,$(addsuffix .o,$(LIBFDT_NAMES)))
# libfdt 1.6.1 builds cleanly with our warnings; a newer libfdt that does not can get -Wno-*
# flags here (they apply to libfdt's files only).
LIBFDT_CFLAGS := -I board -I $(LIBFDT_DIR)

BOARD_DTS_qemu-virt := board/qemu-virt/qemu-virt.dts
BOARD_DTS_visionfive2 := board/visionfive2/vf2.dts
BOARD_DTS := $(BOARD_DTS_$(BOARD))
ifeq ($(BOARD_DTS),)
$(error board/build.mk: no device tree for BOARD=$(BOARD) (known: qemu-virt visionfive2))
endif
BOARD_DTB := $(B)/board/builtin.dtb
BOARD_NAME_FILE := $(B)/board/board.name

kernel-src += board/fdt.c board/dtb.S
kernel-extra-obj += $(LIBFDT_OBJ)

.PHONY: libfdt dtb board-name-force
libfdt: $(LIBFDT_OBJ)
dtb: $(BOARD_DTB)

# Fetch once (apt-get source into build/src) and stage the files; never committed.
$(LIBFDT_STAMP): scripts/libfdt.sh
	@mkdir -p $(LIBFDT_DIR)
	set -e; src=$$(./scripts/libfdt.sh); \
		cp "$$src"/*.c "$$src"/*.h $(LIBFDT_DIR)/; \
		rm -f $(LIBFDT_DIR)/libfdt_env.h
	@touch $@

$(LIBFDT_SRC): $(LIBFDT_STAMP)
	@test -f $@ || { echo "libfdt: $@ missing from the fetched source" >&2; exit 1; }

$(LIBFDT_OBJ): $(B)/libfdt/%.o: $(LIBFDT_DIR)/%.c $(LIBFDT_STAMP) board/libfdt_env.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LIBFDT_CFLAGS) -c $< -o $@

# board/fdt.c includes <libfdt.h>: it needs the staged headers first.
$(B)/board/fdt.o: CFLAGS += -I board -I $(LIBFDT_DIR)
$(B)/board/fdt.o: $(LIBFDT_STAMP)

# The board name is recorded so that switching BOARD rebuilds the blob and dtb.o.
$(BOARD_NAME_FILE): board-name-force
	@mkdir -p $(dir $@)
	@echo $(BOARD) | cmp -s - $@ 2>/dev/null || echo $(BOARD) > $@

$(BOARD_DTB): $(BOARD_DTS) $(BOARD_NAME_FILE)
	@mkdir -p $(dir $@)
	$(DTC) $(DTCFLAGS) -I dts -O dtb -o $@ $<

$(B)/board/dtb.o: ASFLAGS += -DKESTREL_DTB_PATH='"$(BOARD_DTB)"'
$(B)/board/dtb.o: $(BOARD_DTB)

# Host unit test of board/fdt.c: its sources for the harness (testsuite/host/build.mk, read after
# this file), and its extra rules.
include testsuite/host/fdt.mk
host-srcs-fdt_test := board/fdt.c $(FDT_HOST_LIBFDT_SRC) $(FDT_HOST_DTB_OBJ)
