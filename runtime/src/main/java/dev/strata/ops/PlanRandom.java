package dev.strata.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** A seeded random stream owned by one plan, so dropout masks are reproducible and thread-confined. */
final class PlanRandom {
    /** ND4J's native generator treats seed 0 as "pick one": 0 stands for this fixed seed instead. */
    static final long ZERO_SEED = 0x9E3779B97F4A7C15L;
    private final Random random;

    PlanRandom(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(nonZero(seed));
    }

    void reseed(long seed) {
        random.setSeed(nonZero(seed));
    }

    static long nonZero(long seed) {
        return seed == 0 ? ZERO_SEED : seed;
    }

    /** Fills {@code target} with 1 (probability {@code p}) or 0. */
    void bernoulli(INDArray target, double p) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(target, p), random);
    }
}
