# syntax=docker/dockerfile:1
# Lokalbanken's container image: a static binary on distroless (no shell, no package
# manager, runs as the unprivileged user nonroot, 65532). Containers use DATABASE_URL, an
# external PostgreSQL: the embedded cluster is for laptops.
#
#   docker build --build-arg VERSION=1.0.0 -t lokalbanken:1.0.0 .
#   docker run -e DATABASE_URL=postgres://… -e LOKALBANKEN_BASE_URL=https://… -p 8080:8080 lokalbanken:1.0.0
#
# internal/deploy's TestDockerfileBuild runs this file's build RUN lines as they stand and
# starts the result with the runtime stage's ENV, ENTRYPOINT and CMD, so that they cannot rot
# where no container builder runs (CI).

ARG GO_VERSION=1.26
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -X main.version=${VERSION}" -o /out/lokalbanken ./cmd/lokalbanken

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/lokalbanken /usr/local/bin/lokalbanken
# /metrics and /debug/pprof/ on their own port, for the operator's network only: publish
# 8080, not 9090.
ENV LOKALBANKEN_ADDR=0.0.0.0:8080 \
    LOKALBANKEN_METRICS_ADDR=0.0.0.0:9090 \
    LOKALBANKEN_LOG_FORMAT=json \
    LOKALBANKEN_DEMO=no
USER nonroot:nonroot
EXPOSE 8080 9090
ENTRYPOINT ["/usr/local/bin/lokalbanken"]
CMD ["serve"]
