# trustlint in a container, for CI systems that prefer images:
#   docker build -t trustlint .
#   docker run --rm -v "$PWD:/work" trustlint check .
# Build stage: the pinned dependency versions of Cargo.lock (--locked). Runtime: distroless with glibc
# only (the binary links glibc and libgcc; mimalloc is compiled in), running as a non-root user.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY rules ./rules
COPY data ./data
COPY benches ./benches
RUN cargo build --release --locked --bin trustlint \
    && strip target/release/trustlint

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/trustlint /usr/local/bin/trustlint
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/trustlint"]
CMD ["check", "."]
