# syntax=docker/dockerfile:1
# AniTrack's image: one image for every role (`start --role web|worker|scheduler|gateway`), the
# sandbox and the operator commands. There is no compile step (tsx runs the TypeScript sources),
# so the build stage exists to refuse an image whose sources do not type-check; the runtime
# stage installs only what running needs.

FROM node:20-bookworm AS build
WORKDIR /app
# Everything at once: `npm ci` needs every workspace package's manifest, and the type check
# reads the tests too.
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm run typecheck

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    DATABASE_URL=sqlite:/data/anitrack.db \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
# Every workspace package is needed by `npm ci`; the sandbox runs the Discord and AniList
# stand-ins at run time.
COPY --from=build /app/packages ./packages
# better-sqlite3 fetches its prebuilt binary for this Node and platform here (linux x64 and
# arm64 have one); elsewhere it would need python3, make and g++ in this stage.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/tsconfig.json ./
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
COPY --from=build /app/docs ./docs
COPY --from=build /app/docker/healthcheck.js ./docker/healthcheck.js
# The data folder (the SQLite database, a generated key) belongs to the unprivileged user the
# process runs as; a named volume mounted here starts out with this owner.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
VOLUME ["/data"]
USER node
EXPOSE 3000 9464
# Asks the process's private metrics listener, which every role serves; node, since the slim
# image has no curl. The start period covers migrations on a first start.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "docker/healthcheck.js"]
# A small young generation keeps the memory a burst of traffic touches low (docs/operations.md).
ENTRYPOINT ["node", "--max-semi-space-size=8", "bin/anitrack.js"]
CMD ["start"]
