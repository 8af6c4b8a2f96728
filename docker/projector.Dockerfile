# syntax=docker/dockerfile:1
# Trailmark projector: subscribes to $all and keeps the Postgres read models
# up to date. Build from the repository root:
#   docker build -f docker/projector.Dockerfile -t trailmark/projector .

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# A full install: the sources run as TypeScript through @swc-node/register, no build step.
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
CMD ["node", "-r", "./tools/scripts/register.cjs", "apps/projector/src/main.ts"]
