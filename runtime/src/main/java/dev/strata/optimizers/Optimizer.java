package dev.strata.optimizers;

import dev.strata.ops.Parameter;
import dev.strata.ops.Slot;
import dev.strata.ops.Tensor;
import dev.strata.ops.Updates;
import java.util.List;

/**
 * How weights move along their gradients. Hyper-parameters and defaults follow Keras; the
 * per-weight state (velocities, moments) lives in {@link OptimizerState} so it can be saved.
 */
public sealed interface Optimizer {
    /** The base learning rate. */
    double learningRate();

    /** The Keras name, e.g. "adam". */
    String name();

    /** Names of the state slots each weight keeps (e.g. "m", "v"). */
    List<String> slots();

    /** Updates one weight in place; {@code lr} is the current learning rate, {@code step} counts from 1. */
    void update(Parameter p, Tensor gradient, Slot[] state, double lr, long step);

    /** Learning rate at an iteration, after the optimizer's own decay (Keras's legacy {@code decay}). */
    default double decayed(double lr, long iteration) {
        return lr;
    }

    /** Stochastic gradient descent with optional momentum, Nesterov momentum and time decay. */
    record SGD(double learningRate, double momentum, boolean nesterov, double decay) implements Optimizer {
        public SGD(double learningRate) { this(learningRate, 0, false, 0); }
        public String name() { return "sgd"; }
        public List<String> slots() { return momentum == 0 ? List.of() : List.of("velocity"); }
        public double decayed(double lr, long iteration) { return lr / (1 + decay * iteration); }
        public void update(Parameter p, Tensor g, Slot[] s, double lr, long step) {
            if (momentum == 0) Updates.sgd(p, g, lr);
            else Updates.momentum(p, g, s[0], lr, momentum, nesterov);
        }
    }

    /** Adam (Kingma &amp; Ba 2015). */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        /** Keras's defaults: lr 0.001, β1 0.9, β2 0.999, ε 1e-7. */
        public Adam() { this(0.001); }
        public Adam(double learningRate) { this(learningRate, 0.9, 0.999, 1e-7); }
        public String name() { return "adam"; }
        public List<String> slots() { return List.of("m", "v"); }
        public void update(Parameter p, Tensor g, Slot[] s, double lr, long step) {
            Updates.adam(p, g, s[0], s[1], lr, beta1, beta2, epsilon, step);
        }
    }

    /** RMSprop. */
    record RMSprop(double learningRate, double rho, double epsilon) implements Optimizer {
        /** Keras's defaults: lr 0.001, ρ 0.9, ε 1e-7. */
        public RMSprop() { this(0.001, 0.9, 1e-7); }
        public RMSprop(double learningRate) { this(learningRate, 0.9, 1e-7); }
        public String name() { return "rmsprop"; }
        public List<String> slots() { return List.of("ms"); }
        public void update(Parameter p, Tensor g, Slot[] s, double lr, long step) {
            Updates.rmsprop(p, g, s[0], lr, rho, epsilon);
        }
    }

    /** Adagrad. */
    record Adagrad(double learningRate, double epsilon) implements Optimizer {
        /** Keras's defaults: lr 0.001, ε 1e-7. */
        public Adagrad() { this(0.001, 1e-7); }
        public String name() { return "adagrad"; }
        public List<String> slots() { return List.of("accumulator"); }
        public void update(Parameter p, Tensor g, Slot[] s, double lr, long step) {
            Updates.adagrad(p, g, s[0], lr, epsilon);
        }
    }

    /** Looks an optimizer up by Keras name with Keras's default settings. */
    static Optimizer named(String name) {
        return switch (name.toLowerCase()) {
            case "sgd" -> new SGD(0.01);
            case "adam" -> new Adam();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': expected sgd, adam, rmsprop or adagrad");
        };
    }
}
