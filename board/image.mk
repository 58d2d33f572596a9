# board/image.mk - the raw binary of the kernel, for loaders that take no ELF (U-Boot's
# loady/tftpboot, then go 0x80200000).
#
#   make BOARD=visionfive2 image   kernel-vf2.bin  (the VisionFive2 competition image)
#   make image                     build/kernel-$(BOARD).bin  (for qemu-virt: the U-Boot go test)
#
# The binary is kernel-rv through objcopy -O binary: its first byte belongs at the physical
# 0x80200000 (checked: entry point and lowest load address), and it ends with .data (.bss is not
# in it: entry.S clears it). kernel-rv is linked for $(BOARD), so its built-in device tree is
# that board's; board/build.mk rebuilds the blob and dtb.o when BOARD changes, and kernel-rv and
# this binary follow. Included by the top Makefile after the kernel-rv rule (it needs B, BOARD,
# OBJCOPY, say/Q and board/build.mk's BOARD_NAME_FILE).

IMAGE_LOAD_PA := 0x80200000
ifeq ($(BOARD),visionfive2)
KERNEL_IMAGE := kernel-vf2.bin
else
KERNEL_IMAGE := $(B)/kernel-$(BOARD).bin
endif
READELF := $(CROSS)readelf

.PHONY: image
image: $(KERNEL_IMAGE)

$(KERNEL_IMAGE): kernel-rv board/image.mk $(BOARD_NAME_FILE)
	@mkdir -p $(dir $@)
	@set -e; entry=$$($(READELF) -hW $< | awk '/Entry point address/ { print $$NF }'); \
	low=; for seg in $$($(READELF) -lW $< | awk '$$1 == "LOAD" { print $$4 "/" $$5 }'); do \
		pa=$$(($${seg%/*})); [ $$(($${seg#*/})) -gt 0 ] || continue; \
		if [ -z "$$low" ] || [ $$pa -lt $$low ]; then low=$$pa; fi; \
	done; \
	for a in "$$entry" "$${low:-0}"; do \
		if [ $$(($$a)) -ne $$(($(IMAGE_LOAD_PA))) ]; then \
			printf 'image: kernel-rv starts at %#x, not %s\n' $$(($$a)) $(IMAGE_LOAD_PA) >&2; \
			exit 1; \
		fi; \
	done
	$(say) OBJCOPY $@
	$(Q)$(OBJCOPY) -O binary $< $@.tmp
	@mv $@.tmp $@
	@echo "image: $@ ($$(stat -c %s $@) bytes, load and run at $(IMAGE_LOAD_PA), BOARD=$(BOARD))"

# The `make run` image: BusyBox (make busybox) and board/rootfs/init, as an initramfs.
#   make rootfs     $(B)/rootfs.cpio
ROOTFS_CPIO := $(B)/rootfs.cpio

.PHONY: rootfs
rootfs: $(ROOTFS_CPIO)

$(ROOTFS_CPIO): $(BUSYBOX_STAMP) board/rootfs/init scripts/mkcpio.py board/image.mk
	@mkdir -p $(dir $@)
	$(say) CPIO $@
	$(Q)printf '%s\n' 'dir /bin 0755 0 0' 'dir /dev 0755 0 0' 'dir /proc 0755 0 0' \
		'dir /tmp 01777 0 0' 'file /bin/busybox $(BUSYBOX) 0755 0 0' \
		'slink /bin/sh busybox 0777 0 0' 'file /init board/rootfs/init 0755 0 0' \
		'nod /dev/console 0600 0 0 c 5 1' >$@.list
	$(Q)./scripts/mkcpio.py $@.list >$@.tmp && mv $@.tmp $@ && rm -f $@.list
