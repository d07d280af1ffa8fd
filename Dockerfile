# syntax=docker/dockerfile:1
# The bot in a container. Two targets:
#   docker build -t voisins-bot .                           Telegram (and the terminal chat)
#   docker build --target whatsapp -t voisins-bot:wa .      plus Debian's Chromium for WhatsApp
# The build itself is scripts/build-production.sh, the script CI runs (tests/build/).
# Data (the embedded database, WhatsApp's session, backups) lives in the /data volume.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc .puppeteerrc.cjs ./
COPY patches ./patches
COPY scripts/patch-dependencies.ts ./scripts/
COPY db/postgres-queue-patch.ts ./db/
RUN npm ci --no-audit --no-fund
COPY . .
RUN sh scripts/build-production.sh

# Production dependencies only (the postinstall patches postgres.js, through tsx).
FROM node:20-bookworm-slim AS base
# MALLOC_*: as npm run start:prod (README, "Run it in production").
ENV NODE_ENV=production DATA_DIR=/data PORT=8080 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
COPY package.json package-lock.json .npmrc .puppeteerrc.cjs ./
COPY patches ./patches
COPY scripts/patch-dependencies.ts ./scripts/
COPY db/postgres-queue-patch.ts ./db/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# pg_dump and pg_restore, for npm run backup / restore against a server.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers 200 once the database and the platforms are up (bot/http-server.ts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
USER node
CMD ["node", "--max-semi-space-size=1", "dist/bot/main.js"]

FROM base AS whatsapp
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji \
  && rm -rf /var/lib/apt/lists/*
ENV WHATSAPP_ENABLED=true CHROMIUM_PATH=/usr/bin/chromium
USER node

# The default target: Telegram, no browser.
FROM base AS runtime
