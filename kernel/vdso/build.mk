# kernel/vdso: the vDSO. Its user-space part (vgettime.c, vsyscall.S) is compiled with the
# kernel's compiler as position-independent user code and linked by vdso.lds into an ELF shared
# object, build/vdso/vdso.so; the bare-metal linker cannot make shared objects, so the link uses
# the Linux-target binutils that the glibc test programs need anyway. The kernel part (vdso.c)
# and the image (vdso_image.S, which .incbin's the stripped object) are kernel sources.
#   $(GEN)/vdso_offsets.h    VDSO_SYM_<name>: offset of each exported __vdso_<name>
# The link fails if the object has dynamic relocations or anything but one PT_LOAD: the kernel
# maps it as it is, with no loader to relocate it.
kernel-src += kernel/vdso/vdso.c kernel/vdso/vdso_image.S

VDSO_LD ?= riscv64-linux-gnu-ld
VDSO_READELF ?= $(CROSS)readelf
VDSO_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 $(WARNFLAGS) -std=gnu11 -O2 -g -fPIC \
	-ffreestanding -fno-builtin -fno-common -fno-stack-protector -fasynchronous-unwind-tables \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include) -I kernel/include -I kernel \
	-MMD -MP
VDSO_LDFLAGS := -shared -T kernel/vdso/vdso.lds -soname=linux-vdso.so.1 --hash-style=both \
	--eh-frame-hdr -Bsymbolic --no-undefined -z max-page-size=4096 --build-id=none
vdso-user-obj := $(B)/vdso/vgettime.o $(B)/vdso/vsyscall.o

$(B)/vdso/%.o: kernel/vdso/%.c
	@mkdir -p $(dir $@)
	$(say) VDSOCC $<
	$(Q)$(CC) $(VDSO_CFLAGS) -c $< -o $@

$(B)/vdso/%.o: kernel/vdso/%.S
	@mkdir -p $(dir $@)
	$(say) VDSOAS $<
	$(Q)$(CC) $(VDSO_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(B)/vdso/vdso.so.dbg: $(vdso-user-obj) kernel/vdso/vdso.lds
	$(say) VDSOLD $@
	$(Q)$(VDSO_LD) $(VDSO_LDFLAGS) $(vdso-user-obj) -o $@.tmp
	$(Q)if $(VDSO_READELF) -r $@.tmp | grep -q 'Relocation section'; then \
		echo "vdso: the object has dynamic relocations" >&2; exit 1; fi
	$(Q)if [ "$$($(VDSO_READELF) -lW $@.tmp | grep -c ' LOAD ')" != 1 ]; then \
		echo "vdso: the object must have exactly one PT_LOAD" >&2; exit 1; fi
	$(Q)mv $@.tmp $@

$(B)/vdso/vdso.so: $(B)/vdso/vdso.so.dbg
	$(Q)$(OBJCOPY) --strip-all $< $@

$(GEN)/vdso_offsets.h: $(B)/vdso/vdso.so.dbg | $(GEN)/.stamp
	$(say) GEN $@
	$(Q)$(NM) -D $< | awk '$$3 ~ /^__vdso_/ { n = $$3; sub(/^__vdso_/, "", n); \
		sub(/@.*/, "", n); printf "#define VDSO_SYM_%s 0x%sUL\n", n, $$1 }' > $@.tmp
	$(Q)grep -q VDSO_SYM_rt_sigreturn $@.tmp || { echo "vdso: no __vdso_rt_sigreturn" >&2; exit 1; }
	$(Q)mv $@.tmp $@

$(B)/kernel/vdso/vdso.o: $(GEN)/vdso_offsets.h
$(B)/kernel/vdso/vdso_image.o: $(B)/vdso/vdso.so
$(B)/kernel/vdso/vdso_image.o: ASFLAGS += -DVDSO_SO_PATH='"$(B)/vdso/vdso.so"'
