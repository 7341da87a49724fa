# Temporal's development server (the Temporal CLI) and Jaeger v2: the native stack's Go builds,
# from the Go module proxy, with the Go toolchain the proxy serves as a module. Two targets:
# `temporal` and `jaeger`. Build context: infra (Jaeger's go.mod and config live in infra/jaeger).
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS go
ARG GO_VERSION=1.26.8
ARG GO_ZIP_SHA256=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl unzip \
 && rm -rf /var/lib/apt/lists/* \
 && curl -fsSLo /tmp/go.zip "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go${GO_VERSION}.linux-amd64.zip" \
 && echo "${GO_ZIP_SHA256}  /tmp/go.zip" | sha256sum -c - \
 && unzip -q /tmp/go.zip -d /tmp/go \
 && mv "/tmp/go/golang.org/toolchain@v0.0.1-go${GO_VERSION}.linux-amd64" /usr/local/go \
 && chmod +x /usr/local/go/bin/* /usr/local/go/pkg/tool/*/* \
 && rm -rf /tmp/go /tmp/go.zip
# As infra/stack/src/install/toolchains.ts builds natively: static binaries, this toolchain.
ENV PATH=/usr/local/go/bin:$PATH GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    GOBIN=/out

FROM go AS temporal-build
ARG TEMPORAL_CLI_VERSION=1.5.1
RUN go install "github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}" \
 && rm -rf /root/go /root/.cache

FROM go AS jaeger-build
COPY jaeger/go.mod jaeger/go.sum /build/
RUN cd /build && go install tool && rm -rf /root/go /root/.cache

FROM ${BASE_IMAGE} AS temporal
RUN useradd --system --home-dir /var/lib/temporal --create-home temporal
COPY --from=temporal-build /out/temporal /usr/local/bin/temporal
USER temporal
# See infra/stack/src/components/temporal.ts: GC at 4x the live heap.
ENV GOGC=400
ENTRYPOINT ["temporal"]

FROM ${BASE_IMAGE} AS jaeger
COPY --from=jaeger-build /out/jaeger /usr/local/bin/jaeger
COPY jaeger/config.yaml /etc/orchard/jaeger.yaml
USER nobody
ENTRYPOINT ["jaeger"]
CMD ["--config", "/etc/orchard/jaeger.yaml"]
