#ifndef CFASTHASH_H
#define CFASTHASH_H
#include <stddef.h>
#include <stdint.h>

// Batch verifiers for the two crypt formats whose library path is too slow for the credential
// engine's guessing: md5crypt (`$1$`, Cisco type 5) and bcrypt (`$2a$`, `$2b$`, `$2y$`).
//
// Each takes one stored hash and a list of candidate passwords (bytes with explicit lengths, no
// NUL inside) and returns the index of the first candidate that hashes to the stored value. The
// stored value is accepted only in its canonical, well-formed shape; anything else returns
// CFH_UNSUPPORTED and the caller uses the library (libxcrypt) instead, so these functions never
// decide a case the library would decide differently.
//
// md5crypt hashes CFH lanes (1, 8 or 16) candidates of equal length at once: the 1000-round
// schedule depends only on the password and salt lengths, so equal-length lanes stay in
// lockstep. bcrypt runs several independent Eksblowfish instances interleaved, for
// instruction-level parallelism (the cipher is a chain of dependent table look-ups).

#define CFH_NO_MATCH (-1L)
/// The stored hash is not one this fast path handles: use the library.
#define CFH_UNSUPPORTED (-2L)
/// A candidate is longer than the fast path's limit or the arguments are inconsistent.
#define CFH_BAD_CANDIDATE (-3L)

/// Kernel levels for md5crypt: scalar C, AVX2 (8 lanes), AVX-512 (16 lanes).
#define CFH_LEVEL_SCALAR 0
#define CFH_LEVEL_AVX2 1
#define CFH_LEVEL_AVX512 2
/// Pass as `level` to use the best level this CPU supports.
#define CFH_LEVEL_BEST (-1)

/// Longest candidate the md5crypt kernel takes (bytes); longer ones go to the library.
#define CFH_MD5CRYPT_MAX_LENGTH 64
/// Longest candidate the bcrypt path takes (bytes); bcrypt reads only the first 72 anyway.
#define CFH_BCRYPT_MAX_LENGTH 255

/// The best md5crypt level this CPU (and OS) supports, chosen at run time.
int cfh_best_level(void);
/// `level` clamped to what this CPU supports (CFH_LEVEL_BEST gives the best).
int cfh_effective_level(int level);
/// Lanes the md5crypt kernel uses at a level (after clamping).
int cfh_md5crypt_lanes(int level);
/// Independent bcrypt instances interleaved per batch.
int cfh_bcrypt_lanes(void);

/// Index of the first candidate whose md5crypt with the salt of `stored` (`$1$salt$hash`, salt of
/// 1 to 8 characters) equals `stored`; CFH_NO_MATCH, CFH_UNSUPPORTED or CFH_BAD_CANDIDATE.
long cfh_md5crypt_first_match(const char *stored, const uint8_t *const *candidates, const size_t *lengths,
                              size_t count, int level);

/// Index of the first candidate whose bcrypt with the setting of `stored` (60 characters,
/// `$2a$`, `$2b$` or `$2y$`, cost 4 to 31) equals `stored`; same failure codes.
long cfh_bcrypt_first_match(const char *stored, const uint8_t *const *candidates, const size_t *lengths,
                            size_t count);
#endif
