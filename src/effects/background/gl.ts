// Small WebGL helpers for the compositor: the context, programs with their uniforms, textures and render targets.
import { VERTEX } from './shaders.ts';

/** WebGL2 where there is one, else WebGL: the effect uses only what both have. */
export type Gl = WebGLRenderingContext;

/** An opaque, unsmoothed canvas context: the output is a video frame, never blended with the page. */
const ATTRIBUTES: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: false,
  preserveDrawingBuffer: false,
};

export function createContext(canvas: HTMLCanvasElement): Gl | null {
  return (canvas.getContext('webgl2', ATTRIBUTES) ?? canvas.getContext('webgl', ATTRIBUTES)) as Gl | null;
}

/** A linked program and its uniforms' locations by name. */
export interface Program {
  program: WebGLProgram;
  uniforms: Record<string, WebGLUniformLocation | null>;
}

/** Compiles `fragment` with the shared vertex shader; the full-screen triangle is bound at attribute 0. */
export function createProgram(gl: Gl, fragment: string, uniformNames: string[]): Program {
  const program = gl.createProgram()!;
  const shaders = [compile(gl, gl.VERTEX_SHADER, VERTEX), compile(gl, gl.FRAGMENT_SHADER, fragment)];
  for (const shader of shaders) gl.attachShader(program, shader);
  gl.bindAttribLocation(program, 0, 'aPosition');
  gl.linkProgram(program);
  for (const shader of shaders) gl.deleteShader(shader);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    throw new Error(`WebGL program: ${gl.getProgramInfoLog(program)}`);
  }
  const uniforms: Program['uniforms'] = {};
  for (const name of uniformNames) uniforms[name] = gl.getUniformLocation(program, name);
  return { program, uniforms };
}

function compile(gl: Gl, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    throw new Error(`WebGL shader: ${gl.getShaderInfoLog(shader)}`);
  }
  return shader;
}

/** One triangle that covers the viewport, bound to attribute 0. */
export function bindFullScreenTriangle(gl: Gl): WebGLBuffer {
  const buffer = gl.createBuffer()!;
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  return buffer;
}

/** A texture read with linear filtering and clamped edges (which WebGL requires of sizes not a power of 2). */
export function createTexture(gl: Gl): WebGLTexture {
  const texture = gl.createTexture()!;
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return texture;
}

/** A texture to render into, and its framebuffer. */
export interface Target {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
}

export function createTarget(gl: Gl): Target {
  const texture = createTexture(gl);
  const framebuffer = gl.createFramebuffer()!;
  return { texture, framebuffer };
}

/** (Re)allocates `target` at `width` × `height` RGBA bytes. */
export function sizeTarget(gl: Gl, target: Target, width: number, height: number): void {
  gl.bindTexture(gl.TEXTURE_2D, target.texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
  gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, target.texture, 0);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
}
