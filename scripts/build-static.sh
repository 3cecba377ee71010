#!/usr/bin/env bash
# Builds `routeraudit` as the single file handed to customers (docs/single-binary.md):
#   - the Swift runtime and Foundation linked in (--static-swift-stdlib),
#   - libssh, OpenSSL's libcrypto/libssl and zlib linked in from Debian's static archives,
#   - Debian's libssh.a references GSSAPI (gss_*) and Debian ships no static Kerberos, so a tiny
#     stub defines those symbols (GSSAPI authentication is never offered by the tool anyway),
# then strips it, prints its size and what it still needs at run time, and audits a bundled
# fixture with it as a smoke test.
#
# Usage: scripts/build-static.sh [SCRATCH_DIR]   (default .build-static)
# Output: SCRATCH_DIR/routeraudit (stripped). Needs Debian's libssh-dev, libssl-dev, zlib1g-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build-static}"
libdir="/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
for archive in libssh.a libcrypto.a libssl.a libz.a; do
  [ -f "$libdir/$archive" ] || { echo "missing $libdir/$archive (apt-get install libssh-dev libssl-dev zlib1g-dev)" >&2; exit 2; }
done

# A libssh.pc that names the static archives: the CLibSSH module map has no `link` line, so the
# link flags come from pkg-config alone and swapping the .pc file is all it takes.
work="$scratch/static-link"
mkdir -p "$work/pkgconfig"
cat > "$work/gss-stub.c" <<'EOF'
/* libssh.a is built with GSSAPI; the tool never offers gssapi-with-mic, so every gss_* entry
   point it references fails cleanly (GSS_S_FAILURE) instead of pulling in Kerberos. */
#define STUB(name) unsigned int name(void) { return 13u << 16; }
STUB(gss_acquire_cred) STUB(gss_release_cred) STUB(gss_init_sec_context)
STUB(gss_accept_sec_context) STUB(gss_delete_sec_context) STUB(gss_display_status)
STUB(gss_display_name) STUB(gss_import_name) STUB(gss_release_name) STUB(gss_release_buffer)
STUB(gss_release_oid_set) STUB(gss_indicate_mechs) STUB(gss_test_oid_set_member)
STUB(gss_create_empty_oid_set) STUB(gss_add_oid_set_member) STUB(gss_get_mic)
STUB(gss_verify_mic) STUB(gss_wrap) STUB(gss_unwrap) STUB(gss_inquire_cred)
STUB(gss_inquire_cred_by_mech) STUB(gss_inquire_context) STUB(gss_compare_name)
STUB(gss_canonicalize_name) STUB(gss_export_name) STUB(gss_duplicate_name)
STUB(gss_acquire_cred_from) STUB(gss_store_cred) STUB(gss_oid_equal)
void *GSS_C_NT_HOSTBASED_SERVICE = 0;
void *GSS_C_NT_USER_NAME = 0;
EOF
cc -O2 -c "$work/gss-stub.c" -o "$work/gss-stub.o"
ar rcs "$work/libgssstub.a" "$work/gss-stub.o"
abs_work="$(cd "$work" && pwd)"
cat > "$work/pkgconfig/libssh.pc" <<EOF
Name: libssh
Description: libssh linked statically for the single binary
Version: $(pkg-config --modversion libssh)
Cflags: $(pkg-config --cflags libssh)
Libs: -L$abs_work -l:libssh.a -l:libssl.a -l:libcrypto.a -l:libz.a -lgssstub -ldl -lpthread
EOF

started=$(date +%s)
PKG_CONFIG_PATH="$abs_work/pkgconfig" swift build -c release --product routeraudit --scratch-path "$scratch" \
  --static-swift-stdlib 2>&1 | grep -v '^\[' || true
binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/routeraudit"
[ -x "$binary" ] || { echo "build failed" >&2; exit 1; }
cp "$binary" "$scratch/routeraudit"
unstripped=$(stat -c %s "$scratch/routeraudit")
strip "$scratch/routeraudit"
size=$(stat -c %s "$scratch/routeraudit")
echo "built in $(( $(date +%s) - started )) s"
echo "size: $size bytes ($(( size / 1024 / 1024 )) MiB) stripped, $unstripped bytes before strip"
echo "shared libraries it still needs:"
readelf -d "$scratch/routeraudit" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/  \1/p'
if readelf -d "$scratch/routeraudit" | grep -q 'libssh\.so'; then
  echo "error: libssh is still linked dynamically" >&2; exit 1
fi

# Smoke test: audit a bundled fixture; exit 1 means findings were reported, which this insecure
# fixture must produce.
fixture="device-fixtures/cisco-ios/soho-887-insecure.cfg"
set +e
"$scratch/routeraudit" audit "$fixture" --format json > "$work/smoke.json"
status=$?
set -e
if [ "$status" -ne 1 ] || ! grep -q '"RA-CRED-' "$work/smoke.json"; then
  echo "smoke test failed: exit $status on $fixture" >&2; exit 1
fi
echo "smoke test: audited $fixture, $(grep -o '"RA-[A-Z]*-[0-9]*"' "$work/smoke.json" | wc -l) check references in the JSON report, exit $status"
"$scratch/routeraudit" scan --help >/dev/null
echo "ok: $scratch/routeraudit"
