# The hubfarm node image. Build the fat jar first: ./mvnw -B -DskipTests package
FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /var/lib/hubfarm --create-home hubfarm
COPY node/target/hubfarm.jar /opt/hubfarm/hubfarm.jar
USER hubfarm
WORKDIR /var/lib/hubfarm
ENV HUBFARM_DATA_DIR=/var/lib/hubfarm
EXPOSE 5555
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/hubfarm/hubfarm.jar"]
CMD ["node"]
