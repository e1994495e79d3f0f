// Draws each output frame with WebGL: the camera frame where the mask shows the person, over a blur of the rest or
// over an image. Every GPU resource is made once (and again only if the context is lost and restored).
import {
  bindFullScreenTriangle,
  createContext,
  createProgram,
  createTarget,
  createTexture,
  sizeTarget,
  type Gl,
  type Program,
  type Target,
} from './gl.ts';
import { MASK_HEIGHT, MASK_WIDTH } from './segmenter.ts';
import { BLUR, COMPOSITE, MASKED_BLUR } from './shaders.ts';

/** The blur is drawn this many rows high whatever the frame's size, so it looks the same at any resolution. */
const BLUR_HEIGHT = 80;
/** Mask values where the person starts to show and where it is whole: a soft edge of about two mask pixels. */
const EDGE = [0.3, 0.7] as const;

/** An image to show behind the person, with its size. */
export type BackgroundImage = TexImageSource & { readonly width: number; readonly height: number };

interface Resources {
  buffer: WebGLBuffer;
  maskedBlur: Program;
  blur: Program;
  composite: Program;
  frame: WebGLTexture;
  mask: WebGLTexture;
  image: WebGLTexture;
  targets: [Target, Target];
}

export class Compositor {
  readonly #canvas: HTMLCanvasElement;
  readonly #gl: Gl;
  #resources: Resources | null = null;
  #image: BackgroundImage | null = null;
  /** The frame size the blur targets were allocated for, and their own size. */
  #frameWidth = 0;
  #frameHeight = 0;
  #blurWidth = 0;
  #blurHeight = 0;

  /** Takes `canvas` for WebGL; throws when the browser gives no WebGL context. */
  constructor(canvas: HTMLCanvasElement) {
    const gl = createContext(canvas);
    if (!gl) throw new Error('no WebGL context');
    this.#canvas = canvas;
    this.#gl = gl;
    canvas.addEventListener('webglcontextlost', this.#onLost);
    canvas.addEventListener('webglcontextrestored', this.#onRestored);
    this.#resources = this.#create();
  }

  /** Shows `image` behind the person from the next frame on, or the blur when null. */
  setImage(image: BackgroundImage | null): void {
    this.#image = image;
    if (image && this.#resources) this.#upload(this.#resources.image, image);
  }

  /**
   * Draws `frame` (the canvas's size) with `mask` (MASK_WIDTH × MASK_HEIGHT, top row first), which is uploaded
   * only when `maskChanged`.
   */
  render(frame: TexImageSource, mask: Uint8ClampedArray, maskChanged: boolean): void {
    const gl = this.#gl;
    const resources = this.#resources;
    if (!resources || gl.isContextLost()) return;
    const { width, height } = this.#canvas;
    this.#sizeTargets(resources, width, height);

    this.#upload(resources.frame, frame, 0);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, resources.mask);
    if (maskChanged) {
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, MASK_WIDTH, MASK_HEIGHT, gl.LUMINANCE, gl.UNSIGNED_BYTE, mask);
    }
    if (!this.#image) this.#blurBackground(resources);

    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    const { program, uniforms } = resources.composite;
    gl.useProgram(program);
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, this.#image ? resources.image : resources.targets[1].texture);
    gl.uniform1f(uniforms.uImage!, this.#image ? 1 : 0);
    if (this.#image) {
      // Cover: the image fills the frame, cropped on the sides or at the top and bottom, never stretched.
      const ratio = this.#image.width / this.#image.height / (width / height);
      gl.uniform2f(uniforms.uCover!, Math.min(1, 1 / ratio), Math.min(1, ratio));
    }
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** Frees every GPU resource and the context itself. */
  destroy(): void {
    this.#canvas.removeEventListener('webglcontextlost', this.#onLost);
    this.#canvas.removeEventListener('webglcontextrestored', this.#onRestored);
    const gl = this.#gl;
    const resources = this.#resources;
    this.#resources = null;
    this.#image = null;
    if (resources && !gl.isContextLost()) {
      for (const { program } of [resources.maskedBlur, resources.blur, resources.composite]) gl.deleteProgram(program);
      for (const texture of [resources.frame, resources.mask, resources.image]) gl.deleteTexture(texture);
      for (const target of resources.targets) {
        gl.deleteFramebuffer(target.framebuffer);
        gl.deleteTexture(target.texture);
      }
      gl.deleteBuffer(resources.buffer);
    }
    // Browsers keep a handful of live contexts per page; give this one back now rather than at garbage collection.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  /** Four separable passes at BLUR_HEIGHT rows: background only, then spread; the result is in targets[1]. */
  #blurBackground(resources: Resources): void {
    const gl = this.#gl;
    const a = resources.targets[0];
    const b = resources.targets[1];
    const x = 1 / this.#blurWidth;
    const y = 1 / this.#blurHeight;
    gl.viewport(0, 0, this.#blurWidth, this.#blurHeight);
    gl.useProgram(resources.maskedBlur.program);
    gl.uniform2f(resources.maskedBlur.uniforms.uStep!, x, 0);
    this.#pass(a);
    gl.useProgram(resources.blur.program);
    gl.activeTexture(gl.TEXTURE2);
    this.#blurPass(resources, a, b, 0, y);
    this.#blurPass(resources, b, a, x, 0);
    this.#blurPass(resources, a, b, 0, y);
  }

  #blurPass(resources: Resources, from: Target, to: Target, x: number, y: number): void {
    this.#gl.bindTexture(this.#gl.TEXTURE_2D, from.texture);
    this.#gl.uniform2f(resources.blur.uniforms.uStep!, x, y);
    this.#pass(to);
  }

  #pass(to: Target): void {
    this.#gl.bindFramebuffer(this.#gl.FRAMEBUFFER, to.framebuffer);
    this.#gl.drawArrays(this.#gl.TRIANGLES, 0, 3);
  }

  #sizeTargets(resources: Resources, width: number, height: number): void {
    if (width === this.#frameWidth && height === this.#frameHeight) return;
    this.#frameWidth = width;
    this.#frameHeight = height;
    this.#blurHeight = Math.min(BLUR_HEIGHT, height);
    this.#blurWidth = Math.max(1, Math.round((width * this.#blurHeight) / height));
    for (const target of resources.targets) sizeTarget(this.#gl, target, this.#blurWidth, this.#blurHeight);
  }

  #upload(texture: WebGLTexture, source: TexImageSource, unit = 2): void {
    const gl = this.#gl;
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
  }

  #create(): Resources {
    const gl = this.#gl;
    const buffer = bindFullScreenTriangle(gl);
    const maskedBlur = createProgram(gl, MASKED_BLUR, ['uFrame', 'uMask', 'uStep']);
    const blur = createProgram(gl, BLUR, ['uSource', 'uStep']);
    const composite = createProgram(gl, COMPOSITE, ['uFrame', 'uMask', 'uBackground', 'uImage', 'uCover', 'uEdge']);
    // Texture units: 0 the frame, 1 the mask, 2 the background (a blur target or the image).
    gl.useProgram(maskedBlur.program);
    gl.uniform1i(maskedBlur.uniforms.uFrame!, 0);
    gl.uniform1i(maskedBlur.uniforms.uMask!, 1);
    gl.useProgram(blur.program);
    gl.uniform1i(blur.uniforms.uSource!, 2);
    gl.useProgram(composite.program);
    gl.uniform1i(composite.uniforms.uFrame!, 0);
    gl.uniform1i(composite.uniforms.uMask!, 1);
    gl.uniform1i(composite.uniforms.uBackground!, 2);
    gl.uniform2f(composite.uniforms.uEdge!, EDGE[0], EDGE[1]);

    const frame = createTexture(gl);
    const mask = createTexture(gl);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.LUMINANCE, MASK_WIDTH, MASK_HEIGHT, 0, gl.LUMINANCE, gl.UNSIGNED_BYTE, null);
    const image = createTexture(gl);
    this.#frameWidth = this.#frameHeight = 0;
    const resources: Resources = {
      buffer,
      maskedBlur,
      blur,
      composite,
      frame,
      mask,
      image,
      targets: [createTarget(gl), createTarget(gl)],
    };
    if (this.#image) this.#upload(image, this.#image);
    return resources;
  }

  readonly #onLost = (event: Event) => {
    // Asks the browser to restore the context; everything is made again then.
    event.preventDefault();
    this.#resources = null;
  };

  readonly #onRestored = () => {
    this.#resources = this.#create();
  };
}
