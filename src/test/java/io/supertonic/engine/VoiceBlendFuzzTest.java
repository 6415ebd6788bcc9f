package io.supertonic.engine;

import io.supertonic.testing.FuzzValues;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated voice specs, from near-misses of valid blends to garbage: parsing never throws, and a
 * blend it accepts names only known voices with plain positive weights normalised to 1.
 */
class VoiceBlendFuzzTest {
  private static final List<String> VOICES = List.of("F1", "F2", "M1", "M2");
  private static final Set<String> KNOWN = Set.copyOf(VOICES);

  @Provide
  Arbitrary<String> specs() {
    Arbitrary<String> weight =
        Arbitraries.frequencyOf(
            Tuple.of(
                4, Arbitraries.doubles().between(0, 10).ofScale(3).map(d -> Double.toString(d))),
            Tuple.of(2, FuzzValues.numbers()),
            Tuple.of(1, Arbitraries.of("1d", "0x1p3", "1f", " 1", "1 ", "", "-", "1,5", "١")),
            Tuple.of(1, FuzzValues.oddStrings(6)));
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(VOICES)),
            Tuple.of(1, Arbitraries.of("f1", "X9", "", " F1", "F1 ", "alloy")),
            Tuple.of(1, FuzzValues.oddStrings(4)));
    Arbitrary<String> part =
        Combinators.combine(name, weight, Arbitraries.integers().between(0, 3))
            .as((n, w, form) -> form == 0 ? n : form == 3 ? n + ":" + w + ":" + w : n + ":" + w);
    Arbitrary<String> blend = part.list().ofMinSize(1).ofMaxSize(10).map(l -> String.join("+", l));
    return Arbitraries.frequencyOf(
        Tuple.of(8, blend),
        Tuple.of(1, FuzzValues.oddStrings(40)),
        Tuple.of(1, FuzzValues.mangled(blend)));
  }

  @Property(tries = 6600)
  void parsingNeverThrowsAndAcceptsOnlyWellFormedBlends(@ForAll("specs") String spec) {
    Optional<VoiceBlend> blend =
        VoiceBlend.parse(spec, id -> KNOWN.contains(id) ? Optional.of(id) : Optional.empty());
    if (blend.isEmpty()) {
      return;
    }
    double total = 0;
    for (VoiceBlend.Part part : blend.get().parts()) {
      if (!KNOWN.contains(part.voice()) || !(part.weight() > 0) || part.weight() > 1) {
        throw new AssertionError("accepted " + spec + " as " + blend.get());
      }
      total += part.weight();
    }
    if (Math.abs(total - 1) > 1e-9 || blend.get().parts().size() > VoiceBlend.MAX_PARTS) {
      throw new AssertionError("accepted " + spec + " with weights summing to " + total);
    }
    if (!spec.matches("[A-Za-z0-9 ]+(:[0-9. ]+)?(\\+[A-Za-z0-9 ]+(:[0-9. ]+)?)*")) {
      throw new AssertionError("accepted a spec with odd characters: " + spec);
    }
  }
}
