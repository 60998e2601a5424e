# cunbot: bot, workers and admin service in one image. Runs the TypeScript sources through tsx (no build step),
# exactly as `npx cunbot` does after a clone.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    VILLAGES_DIR=/app/villages \
    DATA_DIR=/app/data \
    ADMIN_HOST=0.0.0.0 \
    ADMIN_PORT=3000

COPY package.json package-lock.json ./
# The committed lockfile rules; `npm ci` can trip over another platform's optional binaries, hence the fallback.
RUN (npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund) && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY intents ./intents
COPY templates ./templates
COPY villages ./villages

# The WeChat login (memory card) and exports live here; mount a volume so a restart does not ask for a new scan.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000

ENTRYPOINT ["node", "bin/cunbot.js"]
CMD ["start"]
