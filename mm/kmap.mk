kernel-src += mm/memrange.c mm/kmap.c
