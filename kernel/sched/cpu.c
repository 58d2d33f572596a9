/* Per-CPU records. */
#include "sched/cpu.h"

struct cpu cpus[NCPU];
int ncpus = 1;
