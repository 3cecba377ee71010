#include "ccrypt.h"
#include <string.h>

const char *ccrypt_hash(const char *phrase, const char *setting, struct crypt_data *data) {
    memset(data, 0, sizeof(*data));
    // crypt_rn returns NULL on failure (never the "*0" failure token crypt_r may return).
    return crypt_rn(phrase, setting, data, (int)sizeof(*data));
}
