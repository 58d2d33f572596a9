# Memory management: frame allocator, kmalloc, Sv39 page tables.
kernel-src += mm/frame.c mm/kmalloc.c mm/pagetable.c
kernel-src += mm/memrange.c mm/kmap.c
kernel-src += mm/vma.c mm/mm.c mm/mmap.c mm/uaccess.S mm/usercopy.c mm/mm_remote.c
