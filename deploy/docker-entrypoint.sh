#!/bin/sh
# Docker's <VAR>_FILE convention, for secrets an env file cannot hold (multi-line PEM keys):
# REGISTRY_CREDENTIAL_SIGNING_KEY_FILE=/run/secrets/registry-credential-key sets
# REGISTRY_CREDENTIAL_SIGNING_KEY to that file's contents, then the command runs in this
# shell's place. Only the image's own settings (the package's prefix, e.g. REGISTRY_) are
# read this way, so standard variables such as SSL_CERT_FILE keep their meaning.
# Kubernetes passes such keys as secretKeyRef variables and does not need this.
set -eu
prefix=$(printf '%s' "${CSE_PACKAGE:?the image sets CSE_PACKAGE}" | tr '[:lower:]' '[:upper:]')_
for name in $(env | sed -n "s/^\(${prefix}[A-Z0-9_]*\)_FILE=.*/\1/p"); do
  eval "file=\${${name}_FILE}"
  if [ ! -r "$file" ]; then
    echo "$name: cannot read ${name}_FILE=$file" >&2
    exit 78
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done
exec "$@"
