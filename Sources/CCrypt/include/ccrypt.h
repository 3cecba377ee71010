#ifndef CCRYPT_H
#define CCRYPT_H
#include <crypt.h>

/// Thread-safe one-way hash with libxcrypt's crypt_rn: writes into `data` (caller-owned, one per
/// thread) and returns a pointer into it, or NULL when the setting is invalid or unsupported.
const char *ccrypt_hash(const char *phrase, const char *setting, struct crypt_data *data);
#endif
