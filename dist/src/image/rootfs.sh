#!/bin/sh
# Assembles the container image's own files (everything but the jars, which Jib layers itself) from the
# build machine, so that no base image has to be pulled from a registry:
#   /opt/java                a Java runtime made with jlink from the JDK running the build (no javac)
#   /lib*, /usr/lib*         the shared libraries that runtime, /bin/sh and the native parts of the jars need
#   /bin/sh                  for the launcher /opt/ingestion/bin/ingestion (the entrypoint)
#   /etc/passwd, /etc/group  the user ingestion (10001) and nothing else that can log in
#   /tmp, /var/data/ingestion, /var/log/ingestion, and /proc and /dev for the runtime to mount
# Usage: rootfs.sh JDK LAUNCHER OUT   (Linux with glibc; the image gets the build machine's architecture)
set -eu
jdk=$1 launcher=$2 out=$3

# Every SE module, plus what the libraries reach outside it (Unsafe, EC and PKCS#11 crypto, the legacy
# charsets documents come in, zip file systems, DNS, JFR and the management beans /health reads).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.zipfs,jdk.naming.dns
modules=$modules,jdk.net,jdk.jfr,jdk.management,jdk.management.jfr,jdk.security.auth,jdk.security.jgss,jdk.xml.dom

rm -rf "$out"
mkdir -p "$out/opt/ingestion/bin" "$out/bin" "$out/etc" "$out/tmp" "$out/var/data/ingestion" "$out/var/log/ingestion" \
  "$out/proc" "$out/dev"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$out/opt/java"
cp "$launcher" "$out/opt/ingestion/bin/ingestion"
cp -L "$(readlink -f /bin/sh)" "$out/bin/sh"

# Shared libraries, by the path the dynamic linker finds them at (ldd of the runtime's and the shell's
# binaries, leaving out the X11 and sound parts a headless server never loads), plus the C++ runtime the
# ONNX embedding model's native library loads.
libs=$( {
  for f in "$out/bin/sh" "$out/opt/java/bin/java" "$out/opt/java/lib/"*.so "$out/opt/java/lib/server/libjvm.so"; do
    case $f in *xawt*|*jsound*|*splashscreen*) continue ;; esac
    ldd "$f" 2>/dev/null || true
  done
  for n in libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
    ldconfig -p | awk -v n="$n" '$1 == n && /x86-64/ { print "\t" n " => " $NF; exit }'
  done
} | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | grep -v "^$out/" | sort -u)
for lib in $libs; do
  mkdir -p "$out${lib%/*}"
  cp -L "$lib" "$out$lib"
done

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
ingestion:x:10001:10001:ingestion:/var/data/ingestion:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
ingestion:x:10001:
GROUP
