# podpipe: one image for every role (scheduler, worker, server); the command picks the role.
#   docker build -t podpipe .
#   docker run --rm podpipe --help
#   docker run --rm -e REDIS_URL=redis://redis:6379 podpipe worker --queues feeds,transcripts

# ---- build: full install (TypeScript and its types are dev dependencies), compile to dist/
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: `prepare` would compile before the sources are copied; the build runs below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY pipelines ./pipelines
# The gazetteer is imported as JSON, so tsc copies it into dist/ with the code.
RUN npm run build

# ---- runtime: production dependencies, compiled code, bundled fixtures; no compiler, no tests
FROM node:20-slim
ENV NODE_ENV=production \
    PODPIPE_DATA_DIR=/data
# tini reaps children and forwards SIGTERM, so workers shut down gracefully on `docker stop`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY fixtures ./fixtures
COPY schema ./schema
RUN ln -s /app/bin/podpipe.js /usr/local/bin/podpipe \
 && mkdir -p /data && chown node:node /data
# The image's own user (uid 1000), never root: a compromised fetch or parser cannot touch the image.
USER node
VOLUME ["/data"]
EXPOSE 3000
ENTRYPOINT ["tini", "--", "podpipe"]
CMD ["start"]
