#!/usr/bin/env bash
# Extract the translatable strings into the catalogues and compile them.
# The project catalogue (knutepunkt/locale) takes everything outside the apps that keep their own
# (knutepunkt/<app>/locale/): apps built side by side then never edit the same .po file.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
root=$PWD
PY=$root/.venv/bin/python
export KNUTEPUNKT_ENVIRONMENT=test
languages=(-l nb -l nn -l en -l is)
ignore=(--ignore=.venv --ignore=.tools --ignore=var --ignore=e2e --ignore=bench)
for locale in knutepunkt/*/locale; do
  app=$(dirname "$locale")
  ignore+=("--ignore=$app/*")
  (cd "$app" && $PY "$root/manage.py" makemessages "${languages[@]}" --no-obsolete)
done
$PY manage.py makemessages "${languages[@]}" --no-obsolete "${ignore[@]}"
$PY scripts/compile_messages.py
