#ifndef CFASTHASH_BF_TABLES_H
#define CFASTHASH_BF_TABLES_H
#include <stdint.h>

extern const uint32_t cfh_bf_init_p[18];
extern const uint32_t cfh_bf_init_s[1024];
#endif
