#!/usr/bin/env sh
# Writes the keys docker-compose.yml reads into deploy/compose/secrets/ (or $CSE_SECRETS_DIR):
# per package one `<name>.env` holding <PREFIX>_DATA_KEY with its id and <PREFIX>_BLIND_INDEX_KEY
# (base64 of 32 random bytes each), read by that package's API, worker and jobs alike, and
# the Ed25519 signing keys of the identity app and of the register. A file that exists is
# kept: replacing a key makes what it encrypted unreadable, or what it signed unverifiable
# (rotation: deploy/README.md).
set -eu
dir="${CSE_SECRETS_DIR:-$(dirname "$0")/secrets}"
mkdir -p "$dir"
chmod 0700 "$dir"
umask 077

for name in gateway applications evaluation registry cpd notifications oversight; do
  file="$dir/$name.env"
  [ -e "$file" ] && continue
  prefix=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')
  {
    echo "# $name: its keys, the same for its API, worker and jobs. Keep them secret."
    echo "# The data key seals personal data; its id is stored with every ciphertext."
    echo "${prefix}_DATA_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    echo "${prefix}_DATA_KEY_ID=k1"
    echo "# After a rotation, the older keys that still decrypt older data (k1=<base64>,...):"
    echo "# ${prefix}_PREVIOUS_DATA_KEYS="
    echo "# Blind indexes (searching encrypted fields): a key of its own, never rotated."
    echo "${prefix}_BLIND_INDEX_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    if [ "$name" = notifications ]; then
      echo "# The mail server's account, when it needs one:"
      echo "# NOTIFICATIONS_SMTP_USERNAME="
      echo "# NOTIFICATIONS_SMTP_PASSWORD="
    fi
  } > "$file"
  echo "wrote $file"
done

# Ed25519 signing keys: the identity app's (tokens) and the register's (credentials).
for pem in identity-signing-key registry-credential-key; do
  file="$dir/$pem.pem"
  [ -e "$file" ] && continue
  openssl genpkey -algorithm ed25519 -out "$file"
  # Bind-mounted into the containers, which read it as uid 10001; the folder (0700) keeps
  # other users of this machine out.
  chmod 0644 "$file"
  echo "wrote $file"
done
