# syntax=docker/dockerfile:1.7
# One of the Next.js apps, built from the repository root:
#   docker build -f docker/Dockerfile.app --build-arg APP=web         -t marquee-web .
#   docker build -f docker/Dockerfile.app --build-arg APP=admin       -t marquee-admin .
#   docker build -f docker/Dockerfile.app --build-arg APP=checkin-pwa -t marquee-checkin .
# NEXT_PUBLIC_* values are inlined into the browser bundle, so they are build arguments.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false
WORKDIR /repo

# 1. Prune the monorepo to the app and the workspace packages it uses (package.json files and a
#    pruned lockfile first, so the npm ci layer is cached until dependencies change).
FROM base AS prune
ARG APP
RUN case "${APP}" in web|admin|checkin-pwa) ;; *) echo "build with --build-arg APP=web|admin|checkin-pwa" >&2; exit 1;; esac
COPY . .
RUN npx --yes turbo@2.11.11 prune "@marquee/${APP}" --docker

# 2. Install and build (turbo runs the generate steps the build depends on).
FROM base AS build
ARG APP
COPY --from=prune /repo/out/json/ ./
RUN npm ci --no-audit --no-fund
COPY --from=prune /repo/out/full/ ./
RUN npx turbo run build --filter="@marquee/${APP}"

# 3. Runtime: the built app with its workspace packages (internal packages ship TypeScript
#    source, so the workspace stays whole). Runs as the unprivileged node user.
FROM base AS runtime
ARG APP
ENV NODE_ENV=production \
    APP=${APP}
COPY --from=build --chown=node:node /repo ./
COPY --chown=node:node docker/start-app.sh /usr/local/bin/start-app
USER node
EXPOSE 3000 3001 3002
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "const p=process.env.PORT||{web:3000,admin:3001,'checkin-pwa':3002}[process.env.APP];fetch('http://127.0.0.1:'+p+'/').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"]
CMD ["start-app"]
