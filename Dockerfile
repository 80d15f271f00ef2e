# The hubfarm node image. Build the fat jar first: ./mvnw -B -DskipTests package
FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /var/lib/hubfarm --create-home hubfarm
COPY node/target/hubfarm.jar /opt/hubfarm/hubfarm.jar
# JDK 25's AOT cache from a training run of the data path (README, "Cold start").
RUN java -XX:AOTCacheOutput=/opt/hubfarm/hubfarm.aot --enable-native-access=ALL-UNNAMED \
        -jar /opt/hubfarm/hubfarm.jar warm-up
USER hubfarm
WORKDIR /var/lib/hubfarm
ENV HUBFARM_DATA_DIR=/var/lib/hubfarm
EXPOSE 5555
ENTRYPOINT ["java", "-XX:AOTCache=/opt/hubfarm/hubfarm.aot", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/hubfarm/hubfarm.jar"]
CMD ["node"]
