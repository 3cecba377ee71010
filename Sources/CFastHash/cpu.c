// Run-time choice of instruction set: the package is built for baseline x86-64 (or any other
// architecture), and the AVX2 / AVX-512 kernels are compiled with function target attributes, so
// they run only after the CPU (and the OS, which must save the wider registers) says they may.
#include "cfasthash.h"

int cfh_best_level(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return CFH_LEVEL_AVX512;
    if (__builtin_cpu_supports("avx2")) return CFH_LEVEL_AVX2;
#endif
    return CFH_LEVEL_SCALAR;
}

int cfh_effective_level(int level) {
    int best = cfh_best_level();
    if (level < 0 || level > best) return best;
    return level;
}
