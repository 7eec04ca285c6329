# jwt-auth on Open Liberty. Build: docker build -t jwt-auth .   Run: see README ("Deploy in a container").

# --- build: the WAR, plus the server libraries (Hibernate ORM, JDBC drivers) the liberty-maven-plugin gathers
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml server.xml ./
COPY src ./src
RUN mvn -B -q -DskipTests package liberty:create \
    && test -f target/jwt-auth.war \
    && test -d target/liberty/wlp/usr/servers/defaultServer/lib/hibernate

# --- run: Open Liberty with exactly the features server.xml names
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal
COPY --chown=1001:0 server.xml /config/server.xml
RUN features.sh
COPY --chown=1001:0 --from=build /src/target/liberty/wlp/usr/servers/defaultServer/lib /config/lib
COPY --chown=1001:0 --from=build /src/target/jwt-auth.war /config/dropins/jwt-auth.war
# MicroProfile JWT needs Liberty's default keystore, and that needs a password: a random one per image build,
# never in the repository (mount your own server.env to choose it)
RUN echo "keystore_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')" >> /config/server.env
RUN configure.sh

# The embedded H2 database (users, sessions, signing keys) lives here unless DB_URL points at PostgreSQL.
VOLUME /opt/ol/wlp/output/defaultServer/data
# A key-encryption key generated for that H2 database (none configured) lives apart from it, here.
VOLUME /opt/ol/wlp/output/defaultServer/secrets
EXPOSE 9080 9443
