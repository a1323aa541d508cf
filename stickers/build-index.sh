#!/usr/bin/env bash
# Makes any missing sticker preview and rebuilds index.json (the same as `yam stickers index`).
# Usage: stickers/build-index.sh [DIR]   (DIR defaults to this folder)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../yam" stickers index "${1:-$here}"
