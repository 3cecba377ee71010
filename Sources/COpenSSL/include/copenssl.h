#ifndef COPENSSL_H
#define COPENSSL_H
#include <stddef.h>
#include <stdint.h>

// Thin wrappers over OpenSSL's libcrypto so Swift sees plain functions and no OpenSSL headers.
// Each returns 1 on success and 0 on failure.

int ra_pbkdf2_hmac_sha256(const uint8_t *password, size_t password_len, const uint8_t *salt, size_t salt_len,
                          uint32_t iterations, uint8_t *out, size_t out_len);
int ra_scrypt(const uint8_t *password, size_t password_len, const uint8_t *salt, size_t salt_len,
              uint64_t n, uint64_t r, uint64_t p, uint8_t *out, size_t out_len);
int ra_sha256(const uint8_t *data, size_t len, uint8_t out[32]);
int ra_sha1(const uint8_t *data, size_t len, uint8_t out[20]);
int ra_md5(const uint8_t *data, size_t len, uint8_t out[16]);
/// AES-128-CBC without padding; `len` must be a multiple of 16.
int ra_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, size_t len, uint8_t *out);
int ra_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, size_t len, uint8_t *out);
#endif
