# syntax=docker/dockerfile:1
# One image per app: docker build --build-arg APP=<name> . (compose passes `args: APP: <name>`).
ARG APP

# Only the npm manifests and the patches the install applies, so the install layers below are
# reused until a dependency changes.
FROM node:26-slim AS manifests
WORKDIR /repo
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc ! -path './patches/*' -delete \
 && find . -depth -type d -empty -delete

FROM node:26-slim AS deps
WORKDIR /repo
COPY --from=manifests /repo/ ./
RUN npm ci

# Compiles every project and bundles the storefront and console, then gathers their dist folders and the SQL migrations (paths kept) into /out.
FROM deps AS build
COPY . .
RUN node_modules/.bin/tsc -b \
 && npm run build -w @orchard/web \
 && mkdir /out \
 && find . -name node_modules -prune -o -type d -name dist -prune -print \
      | xargs -r cp -r --parents -t /out \
 && cp -r --parents apps/*/migrations libs/*/migrations /out

FROM node:26-slim AS runtime
ARG APP
# An ENV, so that CMD sees the app's name at run time.
ENV NODE_ENV=production APP=${APP}
WORKDIR /repo
COPY --from=manifests /repo/ ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /out/ ./
RUN test -f "apps/${APP}/dist/main.js" \
 || { echo "no apps/${APP}/dist/main.js: build with --build-arg APP=<app name>" >&2; exit 1; }
USER node
# exec: node replaces the shell and receives the container's stop signal.
CMD ["/bin/sh", "-c", "exec node \"apps/${APP}/dist/main.js\""]
