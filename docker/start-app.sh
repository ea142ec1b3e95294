#!/bin/sh
# Entry point of docker/Dockerfile.app: the app's `start` (Next behind its edge server, apps/$APP/server.ts)
# on $PORT (default: the app's port).
set -eu
case "${APP}" in
  web) default_port=3000 ;;
  admin) default_port=3001 ;;
  checkin-pwa) default_port=3002 ;;
  *) echo "APP must be web, admin or checkin-pwa (got '${APP}')" >&2; exit 1 ;;
esac
cd "/repo/apps/${APP}"
exec node --import tsx server.ts --port "${PORT:-$default_port}"
