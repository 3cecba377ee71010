#include "copenssl.h"
#include <openssl/evp.h>
#include <openssl/kdf.h>

int ra_pbkdf2_hmac_sha256(const uint8_t *password, size_t password_len, const uint8_t *salt, size_t salt_len,
                          uint32_t iterations, uint8_t *out, size_t out_len) {
    return PKCS5_PBKDF2_HMAC((const char *)password, (int)password_len, salt, (int)salt_len, (int)iterations,
                             EVP_sha256(), (int)out_len, out);
}

int ra_scrypt(const uint8_t *password, size_t password_len, const uint8_t *salt, size_t salt_len,
              uint64_t n, uint64_t r, uint64_t p, uint8_t *out, size_t out_len) {
    return EVP_PBE_scrypt((const char *)password, password_len, salt, salt_len, n, r, p, 64u * 1024 * 1024, out, out_len);
}

static int digest(const EVP_MD *md, const uint8_t *data, size_t len, uint8_t *out) {
    unsigned int out_len = 0;
    return EVP_Digest(data, len, out, &out_len, md, NULL);
}

int ra_sha256(const uint8_t *data, size_t len, uint8_t out[32]) { return digest(EVP_sha256(), data, len, out); }
int ra_sha1(const uint8_t *data, size_t len, uint8_t out[20]) { return digest(EVP_sha1(), data, len, out); }
int ra_md5(const uint8_t *data, size_t len, uint8_t out[16]) { return digest(EVP_md5(), data, len, out); }

static int aes128_cbc(int encrypt, const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, size_t len, uint8_t *out) {
    if (len % 16 != 0) return 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (!ctx) return 0;
    int ok = EVP_CipherInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv, encrypt);
    int written = 0, final_len = 0;
    if (ok) ok = EVP_CIPHER_CTX_set_padding(ctx, 0);
    if (ok) ok = EVP_CipherUpdate(ctx, out, &written, in, (int)len);
    if (ok) ok = EVP_CipherFinal_ex(ctx, out + written, &final_len);
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

int ra_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, size_t len, uint8_t *out) {
    return aes128_cbc(0, key, iv, in, len, out);
}

int ra_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, size_t len, uint8_t *out) {
    return aes128_cbc(1, key, iv, in, len, out);
}
