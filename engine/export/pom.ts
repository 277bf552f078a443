/**
 * pom.xml of an exported Flink project: Flink pinned, its core artifacts `provided` (the
 * cluster has them, as in Flink's quickstart), connectors and GraalJS shaded into one fat jar.
 */

export interface PomOptions {
  readonly artifactId: string;
  readonly name: string;
  readonly connectors: ReadonlySet<'files' | 'datagen' | 'cep'>;
  /** The job has JavaScript code: GraalJS goes into the jar. */
  readonly graalJs: boolean;
  readonly flinkVersion: string;
  readonly graalVersion: string;
}

/** A Maven property reference, `${name}`. */
const prop = (name: string) => ['$', '{', name, '}'].join('');

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function dependency(groupId: string, artifactId: string, version: string, extra = ''): string {
  return `    <dependency>
      <groupId>${groupId}</groupId>
      <artifactId>${artifactId}</artifactId>
      <version>${version}</version>${extra}
    </dependency>`;
}

export function pomXml(o: PomOptions): string {
  const provided = '\n      <scope>provided</scope>';
  const deps = [
    dependency('org.apache.flink', 'flink-streaming-java', prop('flink.version'), provided),
    dependency('org.apache.flink', 'flink-clients', prop('flink.version'), provided),
  ];
  if (o.connectors.has('files')) deps.push(dependency('org.apache.flink', 'flink-connector-files', prop('flink.version')));
  if (o.connectors.has('datagen')) deps.push(dependency('org.apache.flink', 'flink-connector-datagen', prop('flink.version')));
  // FlinkCEP is not part of Flink's binary distribution: it goes into the jar.
  if (o.connectors.has('cep')) deps.push(dependency('org.apache.flink', 'flink-cep', prop('flink.version')));
  if (o.graalJs) {
    deps.push(dependency('org.graalvm.polyglot', 'polyglot', prop('graaljs.version')));
    deps.push(dependency('org.graalvm.polyglot', 'js-community', prop('graaljs.version'), '\n      <type>pom</type>'));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by Eddy. mvn package builds target/${o.artifactId}-1.0.jar for flink run. -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>eddy.export</groupId>
  <artifactId>${o.artifactId}</artifactId>
  <version>1.0</version>
  <packaging>jar</packaging>
  <name>${xml(o.name)}</name>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
    <flink.version>${o.flinkVersion}</flink.version>${o.graalJs ? `\n    <graaljs.version>${o.graalVersion}</graaljs.version>` : ''}
  </properties>

  <dependencies>
${deps.join('\n')}
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>3.6.0</version>
        <executions>
          <execution>
            <phase>package</phase>
            <goals>
              <goal>shade</goal>
            </goals>
            <configuration>
              <createDependencyReducedPom>false</createDependencyReducedPom>
              <filters>
                <filter>
                  <artifact>*:*</artifact>
                  <excludes>
                    <exclude>META-INF/*.SF</exclude>
                    <exclude>META-INF/*.DSA</exclude>
                    <exclude>META-INF/*.RSA</exclude>
                    <exclude>module-info.class</exclude>
                  </excludes>
                </filter>
              </filters>
              <transformers>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                  <mainClass>eddy.job.Job</mainClass>
                </transformer>
              </transformers>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
`;
}
