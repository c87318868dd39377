package dev.strata.dsl

import dev.strata.inspect.cnn.ActivationMaximization
import dev.strata.inspect.cnn.FeatureMaps
import dev.strata.inspect.cnn.Filters
import dev.strata.inspect.cnn.GradCam
import dev.strata.inspect.cnn.Heatmap
import dev.strata.inspect.cnn.ImageClassifier
import dev.strata.inspect.cnn.MapStack
import dev.strata.inspect.cnn.Occlusion
import dev.strata.inspect.cnn.Saliency
import dev.strata.model.Model
import dev.strata.ops.ReluBackward
import dev.strata.ops.Tensor

/**
 * This image model as a classifier to inspect (keras-vis's and tf-keras-vis's methods below):
 * class scores read before the output softmax unless [probabilities]. Keep one per script and
 * thread: it holds the compiled gradient plans.
 */
fun Model.inspector(output: String? = null, probabilities: Boolean = false): ImageClassifier =
    (if (output == null) ImageClassifier.of(this) else ImageClassifier.of(this, output)).let { if (probabilities) it.probabilities() else it }

/** The saliency map of [classIndex] for [image]: [rule] STANDARD (vanilla), GUIDED or RECTIFIED (keras-vis's 'relu'). */
fun ImageClassifier.saliency(image: Tensor, classIndex: Int, rule: ReluBackward = ReluBackward.STANDARD): Heatmap =
    Saliency.of(this, image, classIndex, rule)

/** Grad-CAM of [classIndex] at convolutional [layer], upsampled to the image; [guided] multiplies it by guided saliency. */
fun ImageClassifier.gradCam(image: Tensor, classIndex: Int, layer: String, guided: Boolean = false,
                            rule: ReluBackward = ReluBackward.STANDARD): Heatmap =
    if (guided) GradCam.guided(this, image, classIndex, layer) else GradCam.of(this, image, classIndex, layer, rule)

/** Occlusion maps: a [size]² patch of [fill] moved by [stride], every copy in one predict (the seed: 4, 4, 0.5). */
fun ImageClassifier.occlusion(image: Tensor, trueClass: Int, size: Int = 4, stride: Int = size, fill: Double = 0.5): Occlusion.Result =
    Occlusion.of(size, stride, fill).map(this, image, trueClass)

/**
 * Activation maximisation of [classIndex] (or, with [layer], of channel [filter]'s mean activation):
 * [steps] seeded gradient-ascent steps within [inputRange], with L2, total-variation and jitter weights.
 */
fun ImageClassifier.maximizeActivation(classIndex: Int = 0, steps: Int = 200, learningRate: Double = 0.05, l2: Double = 0.0,
                                       tv: Double = 0.0, jitter: Int = 0, inputRange: ClosedFloatingPointRange<Double> = 0.0..1.0,
                                       seed: Long = 0, layer: String? = null, filter: Int = 0): ActivationMaximization.Result {
    val am = ActivationMaximization(steps, learningRate, l2, tv, jitter, inputRange.start, inputRange.endInclusive, seed)
    return if (layer == null) am.ofClass(this, classIndex) else am.ofFilter(this, layer, filter)
}

/** The kernels of Conv2D [layer] for input [channel], one map per filter. */
fun Model.filters(layer: String, channel: Int = 0): MapStack = Filters.of(this, layer, channel)

/** [layer]'s feature maps for [image], one per channel. */
fun ImageClassifier.featureMaps(layer: String, image: Tensor): MapStack = FeatureMaps.of(this, layer, image)
