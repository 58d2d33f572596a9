kernel-src += sbi/sbi.c
