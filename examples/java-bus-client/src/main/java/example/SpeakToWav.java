package example;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.SynthesisStream;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collector;

/** Usage: SpeakToWav MEMBER_HOST:PORT "text" out.wav [this host] — see docs/event-bus.md. */
public class SpeakToWav {
  public static void main(String[] args) throws Exception {
    String host = args.length > 3 ? args[3] : "127.0.0.1";
    Config hz = ConfigUtil.loadConfig().setClusterName("supertonic");
    hz.getNetworkConfig().setPort(5710);
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of(args[0]));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(
            new EventBusOptions().setHost(host).setClusterPublicHost(host)))
        .withClusterManager(new HazelcastClusterManager(hz))
        .buildClustered().await();
    SynthesisClient client = new SynthesisClient(vertx);
    for (int i = 0; i < 50 && client.directory().live().isEmpty(); i++) {
      Thread.sleep(100); // the workers' first advertisement
    }
    SynthesisStream stream =
        client.start(new SynthesisRequest("example", args[1], "F1", "en", null, null, null), 2).await();
    Buffer pcm = stream.collect(Collector.of(Buffer::buffer, Buffer::appendBuffer, Buffer::appendBuffer)).await();
    Buffer wav = Buffer.buffer().appendString("RIFF").appendIntLE(36 + pcm.length()).appendString("WAVEfmt ")
        .appendIntLE(16).appendShortLE((short) 1).appendShortLE((short) 1).appendIntLE(stream.sampleRate())
        .appendIntLE(stream.sampleRate() * 2).appendShortLE((short) 2).appendShortLE((short) 16)
        .appendString("data").appendIntLE(pcm.length()).appendBuffer(pcm);
    Files.write(Path.of(args[2]), wav.getBytes());
    System.out.printf("%s: %.2f s of audio, voice %s, seed %d%n",
        args[2], pcm.length() / 2.0 / stream.sampleRate(), stream.voice(), stream.seed());
    vertx.close().await();
  }
}
