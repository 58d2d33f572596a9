/* vdso_sym.h - find the vDSO (AT_SYSINFO_EHDR) and look its symbols up by walking its dynamic
 * symbol table, hash table and version definitions, the way the C libraries do. For the tests
 * of this folder only; every function returns 0/NULL when something is missing. */
#ifndef VDSO_SYM_H
#define VDSO_SYM_H

#include <elf.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>

struct vdso_info {
	const Elf64_Ehdr *eh;
	uintptr_t bias; /* load address minus link address */
	const Elf64_Sym *syms;
	const char *strs;
	const Elf32_Word *hash; /* DT_HASH: nbucket, nchain, ... */
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
	const char *soname;
};

/* Fill @vi from the auxiliary vector; returns 1 if the vDSO and its tables were found. */
static inline int vdso_open(struct vdso_info *vi)
{
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	uintptr_t soname = 0;
	int have_load = 0;

	memset(vi, 0, sizeof(*vi));
	vi->eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	if (!vi->eh || memcmp(vi->eh->e_ident, ELFMAG, SELFMAG) != 0)
		return 0;
	ph = (const Elf64_Phdr *)((const char *)vi->eh + vi->eh->e_phoff);
	for (int i = 0; i < vi->eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			vi->bias = (uintptr_t)vi->eh + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const Elf64_Dyn *)((const char *)vi->eh + ph[i].p_offset);
		}
	}
	if (!have_load || !dyn)
		return 0;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = vi->bias + dyn->d_un.d_ptr;

		switch (dyn->d_tag) {
		case DT_SYMTAB:
			vi->syms = (const Elf64_Sym *)p;
			break;
		case DT_STRTAB:
			vi->strs = (const char *)p;
			break;
		case DT_HASH:
			vi->hash = (const Elf32_Word *)p;
			break;
		case DT_VERSYM:
			vi->versym = (const Elf64_Half *)p;
			break;
		case DT_VERDEF:
			vi->verdef = (const Elf64_Verdef *)p;
			break;
		case DT_SONAME:
			soname = dyn->d_un.d_val;
			break;
		}
	}
	if (!vi->syms || !vi->strs || !vi->hash)
		return 0;
	if (soname)
		vi->soname = vi->strs + soname;
	return 1;
}

/* The name of version index @ndx, or NULL. */
static inline const char *vdso_version_name(const struct vdso_info *vi, unsigned int ndx)
{
	const Elf64_Verdef *vd = vi->verdef;

	while (vd) {
		if (vd->vd_ndx == ndx) {
			const Elf64_Verdaux *aux =
				(const Elf64_Verdaux *)((const char *)vd + vd->vd_aux);
			return vi->strs + aux->vda_name;
		}
		if (!vd->vd_next)
			break;
		vd = (const Elf64_Verdef *)((const char *)vd + vd->vd_next);
	}
	return NULL;
}

/* The address of the defined global function @name, with its version name in *@version. */
static inline void *vdso_sym(const struct vdso_info *vi, const char *name, const char **version)
{
	unsigned int nsyms = vi->hash[1];

	if (version)
		*version = NULL;
	for (unsigned int i = 0; i < nsyms; i++) {
		const Elf64_Sym *s = &vi->syms[i];

		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC ||
		    ELF64_ST_BIND(s->st_info) != STB_GLOBAL || s->st_shndx == SHN_UNDEF ||
		    strcmp(vi->strs + s->st_name, name) != 0)
			continue;
		if (version && vi->versym)
			*version = vdso_version_name(vi, vi->versym[i] & 0x7fff);
		return (void *)(vi->bias + s->st_value);
	}
	return NULL;
}

#endif
