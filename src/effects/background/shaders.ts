// The effect's GLSL (ES 1.00, so one source runs on WebGL and WebGL2): a full-screen triangle, a blur that leaves
// the person out of the background it spreads, and the composite of person over blurred or image background.
//
// Orientation: textures uploaded from a frame, the mask or an image have their top row first, so they are read at
// `vec2(uv.x, 1.0 - uv.y)`; textures the passes render into are read at `uv` as they are.

/** Gaussian taps each side of the centre, and their spread in texels of the blur target. */
const TAPS = 6;
const SIGMA = '3.0';

export const VERTEX = `
attribute vec2 aPosition;
varying vec2 vUv;
void main() {
  vUv = aPosition * 0.5 + 0.5;
  gl_Position = vec4(aPosition, 0.0, 1.0);
}`;

/** First blur pass, along `uStep`: the frame's background only, premultiplied by how much is background. */
export const MASKED_BLUR = `
precision highp float;
uniform sampler2D uFrame;
uniform sampler2D uMask;
uniform vec2 uStep;
varying vec2 vUv;
void main() {
  vec2 uv = vec2(vUv.x, 1.0 - vUv.y);
  vec4 sum = vec4(0.0);
  float total = 0.0;
  for (int i = -${TAPS}; i <= ${TAPS}; i++) {
    vec2 at = uv + float(i) * uStep;
    float weight = exp(-float(i * i) / (2.0 * ${SIGMA} * ${SIGMA}));
    float background = 1.0 - texture2D(uMask, at).r;
    sum += vec4(texture2D(uFrame, at).rgb, 1.0) * (weight * background);
    total += weight;
  }
  gl_FragColor = sum / total;
}`;

/** Further blur passes, along `uStep`, on a premultiplied target. */
export const BLUR = `
precision highp float;
uniform sampler2D uSource;
uniform vec2 uStep;
varying vec2 vUv;
void main() {
  vec4 sum = vec4(0.0);
  float total = 0.0;
  for (int i = -${TAPS}; i <= ${TAPS}; i++) {
    float weight = exp(-float(i * i) / (2.0 * ${SIGMA} * ${SIGMA}));
    sum += texture2D(uSource, vUv + float(i) * uStep) * weight;
    total += weight;
  }
  gl_FragColor = sum / total;
}`;

/**
 * The output: the frame where the mask says person, with a soft edge (`uEdge`, the mask values where the person
 * starts and is whole), over the blurred background (`uImage` 0) or an image cover-fitted by `uCover` (`uImage` 1).
 */
export const COMPOSITE = `
precision highp float;
uniform sampler2D uFrame;
uniform sampler2D uMask;
uniform sampler2D uBackground;
uniform float uImage;
uniform vec2 uCover;
uniform vec2 uEdge;
varying vec2 vUv;
void main() {
  vec2 uv = vec2(vUv.x, 1.0 - vUv.y);
  vec3 frame = texture2D(uFrame, uv).rgb;
  float person = smoothstep(uEdge.x, uEdge.y, texture2D(uMask, uv).r);
  vec3 background;
  if (uImage > 0.5) {
    background = texture2D(uBackground, (uv - 0.5) * uCover + 0.5).rgb;
  } else {
    // Where almost nothing around is background (inside the person), there is no blurred background to show.
    vec4 blurred = texture2D(uBackground, vUv);
    background = mix(frame, blurred.rgb / max(blurred.a, 0.001), smoothstep(0.0, 0.05, blurred.a));
  }
  gl_FragColor = vec4(mix(background, frame, person), 1.0);
}`;
