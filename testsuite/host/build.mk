# Host unit tests of pure kernel code. Each testsuite/host/<name>_test.c is linked with
# testsuite/host/{stubs,htest}.c and the kernel sources listed in host-srcs-<name>_test (set it
# in the owning folder's build.mk, which is read before this one), built with the host compiler
# into build/host/, and run by `make host-test`, which fails if any test binary fails.
HOST_CFLAGS := -DKESTREL_HOST_TEST -std=gnu11 -Wall -Wextra -Werror -iquote kernel/include -iquote kernel \
	-iquote . -fsanitize=address,undefined -g -MMD -MP
host-common-src := testsuite/host/stubs.c testsuite/host/htest.c

host-srcs-frame_test := mm/frame.c
host-srcs-kmalloc_test := mm/frame.c mm/kmalloc.c
host-srcs-pagetable_test := mm/frame.c mm/pagetable.c
host-srcs-vma_test := mm/frame.c mm/kmalloc.c mm/vma.c

host-test-names := $(sort $(patsubst testsuite/host/%.c,%,$(wildcard testsuite/host/*_test.c)))
host-test-bins := $(addprefix $(B)/host/,$(host-test-names))
host-tests += $(host-test-names)
test-targets += host-test

$(B)/host/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

define host-test-rule
$(B)/host/$(1): $(patsubst %.c,$(B)/host/obj/%.o,testsuite/host/$(1).c $(host-common-src) \
		$(host-srcs-$(1)))
	$$(HOSTCC) $$(HOST_CFLAGS) $$^ -o $$@
endef
$(foreach t,$(host-test-names),$(eval $(call host-test-rule,$(t))))

.PHONY: host-test
host-test: $(host-test-bins)
	@fail=0; for t in $(host-test-bins); do \
		echo "# $$t"; ./$$t || { echo "# FAILED: $$t"; fail=1; }; \
	done; \
	if [ $$fail = 0 ]; then echo "host-test: all $(words $(host-test-bins)) passed"; fi; \
	exit $$fail
