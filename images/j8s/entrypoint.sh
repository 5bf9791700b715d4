#!/bin/sh
# Starts a j8s service from the Spring Boot layers under /opt/j8s. Arguments are Spring Boot properties
# (--j8s.api-server-url=...), as with `java -jar`. JAVA_OPTS holds the JVM flags (the image sets container-aware
# heap sizing; replace it to change them).
#
# J8S_CONTAINER_IP is set to this container's first IP address so a property can refer to it, e.g. a node
# agent in docker-compose advertises where the API server reaches it: --j8s.node-agent.advertise-address=${J8S_CONTAINER_IP}
set -e
if [ -z "${J8S_CONTAINER_IP:-}" ]; then
  J8S_CONTAINER_IP="$(hostname -i 2>/dev/null | awk '{print $1}')"
  export J8S_CONTAINER_IP
fi
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec java $JAVA_OPTS -cp /opt/j8s org.springframework.boot.loader.launch.JarLauncher "$@"
