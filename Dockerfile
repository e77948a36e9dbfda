# The bridge for production: an external PostgreSQL (DATABASE_URL) is expected here.
FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY routes ./routes
COPY migrations ./migrations
COPY tsconfig.json ./
USER node
EXPOSE 3000
# node, not npm, receives SIGTERM directly, so the graceful shutdown runs.
CMD ["node", "--import", "tsx", "src/server.ts"]
