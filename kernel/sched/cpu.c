/* Per-CPU records. */
#include "sched/cpu.h"
#include "task/task.h"

struct cpu cpus[NCPU];
int ncpus = 1;

struct cpu *this_cpu(void)
{
	return current->cpu;
}
